package io.autoconn.access;

/**
 * The answer to "may this caller do this": allowed; hidden, when the caller may not even know the
 * resource exists (answered as not found); or forbidden, with the reason to tell the caller.
 */
public record Verdict(Outcome outcome, String reason) {
    public enum Outcome { ALLOWED, HIDDEN, FORBIDDEN }

    private static final Verdict ALLOWED = new Verdict(Outcome.ALLOWED, "");
    private static final Verdict HIDDEN = new Verdict(Outcome.HIDDEN, "");

    public static Verdict allowed() {
        return ALLOWED;
    }

    public static Verdict hidden() {
        return HIDDEN;
    }

    public static Verdict forbidden(String reason) {
        return new Verdict(Outcome.FORBIDDEN, reason);
    }

    public static Verdict allowedIf(boolean condition, String reasonOtherwise) {
        return condition ? ALLOWED : forbidden(reasonOtherwise);
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOWED;
    }
}
