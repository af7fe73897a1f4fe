package io.autoconn.spaces;

import static io.autoconn.spaces.SpaceRole.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of space and the roles each one can assign: the one place these lists live. They follow
 * Qlik's help pages on space roles; Qlik's OpenAPI document omits {@code operator} ("Can operate")
 * from managed spaces, its help pages list it.
 */
public enum SpaceType {
    SHARED("shared", EnumSet.of(CODEVELOPER, CONSUMER, DATACONSUMER, FACILITATOR, PRODUCER)),
    MANAGED("managed", EnumSet.of(BASICCONSUMER, CONSUMER, CONTRIBUTOR, DATACONSUMER, FACILITATOR, OPERATOR, PUBLISHER)),
    DATA("data", EnumSet.of(CONSUMER, DATACONSUMER, DATAPREVIEW, FACILITATOR, OPERATOR, PRODUCER, PUBLISHER));

    private final String qlikName;
    private final Set<SpaceRole> assignableRoles;

    SpaceType(String qlikName, EnumSet<SpaceRole> assignableRoles) {
        this.qlikName = qlikName;
        this.assignableRoles = Collections.unmodifiableSet(assignableRoles);
    }

    public String qlikName() {
        return qlikName;
    }

    /** The roles an assignment in a space of this type may give; a space's owner holds all of them. */
    public Set<SpaceRole> assignableRoles() {
        return assignableRoles;
    }

    public static Optional<SpaceType> fromQlikName(String name) {
        return Arrays.stream(values()).filter(t -> t.qlikName.equals(name)).findFirst();
    }
}
