package io.autoconn.spaces;

import java.util.Arrays;
import java.util.Optional;

/** The roles a user can hold in a space, named as Qlik's API names them (its RoleType). */
public enum SpaceRole {
    BASICCONSUMER("basicconsumer"),
    CODEVELOPER("codeveloper"),
    CONSUMER("consumer"),
    CONTRIBUTOR("contributor"),
    DATACONSUMER("dataconsumer"),
    DATAPREVIEW("datapreview"),
    FACILITATOR("facilitator"),
    OPERATOR("operator"),
    PRODUCER("producer"),
    PUBLISHER("publisher");

    private final String qlikName;

    SpaceRole(String qlikName) {
        this.qlikName = qlikName;
    }

    public String qlikName() {
        return qlikName;
    }

    public static Optional<SpaceRole> fromQlikName(String name) {
        return Arrays.stream(values()).filter(r -> r.qlikName.equals(name)).findFirst();
    }
}
