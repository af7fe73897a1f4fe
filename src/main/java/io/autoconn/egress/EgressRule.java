package io.autoconn.egress;

/**
 * One entry of the egress policy: a block of addresses that checks may or may not connect to, and
 * where the entry comes from (autoconn's built-in list, or an operator's setting).
 *
 * @param description what the block is; shown in refusals of built-in entries, empty for settings
 */
public record EgressRule(Cidr cidr, Origin origin, String description) {

    /** Where a rule comes from; at equal prefix lengths a later origin wins (deny beats allow beats built-in). */
    public enum Origin {
        BUILT_IN, ALLOW, DENY
    }

    boolean refuses() {
        return origin != Origin.ALLOW;
    }

    /** Why an address in this block is refused, completing "... is in ". */
    String reason() {
        return switch (origin) {
            case BUILT_IN -> cidr + " (" + description + "), refused by default ("
                    + EgressPolicy.ALLOW_SETTING + " can allow it).";
            case DENY -> cidr + ", denied by " + EgressPolicy.DENY_SETTING + ".";
            case ALLOW -> throw new IllegalStateException("An allow rule refuses nothing");
        };
    }
}
