package io.autoconn.query;

/** How a filterable attribute is stored, which decides the literals and operators a filter may use on it. */
public enum AttributeType {
    /** A text column; every comparison ignores case. */
    STRING,
    /**
     * A BIGINT column of epoch microseconds (UTC). Filters compare it with a quoted RFC 3339 timestamp such
     * as {@code "2021-12-23T12:28:21.000000Z"}.
     */
    TIMESTAMP
}
