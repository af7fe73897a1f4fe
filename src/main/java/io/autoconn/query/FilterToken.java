package io.autoconn.query;

/**
 * One token of a SCIM filter.
 *
 * @param kind what the token is
 * @param text the token as written in the filter (a string keeps its quotes and escapes)
 * @param value the string a {@link Kind#STRING} token stands for, its escapes resolved; {@code text} otherwise
 * @param position 1-based index of the token's first character in the filter
 */
record FilterToken(Kind kind, String text, String value, int position) {
    enum Kind {
        /** An attribute name, an operator or a keyword: which one depends on where it stands. */
        WORD,
        STRING,
        NUMBER,
        OPEN_PAREN,
        CLOSE_PAREN,
        OPEN_BRACKET,
        END
    }

    /** Whether this is the word {@code keyword}; SCIM keywords ignore case. */
    boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** The token as error messages quote it. */
    String quoted() {
        return kind == Kind.END ? "the end of the filter" : "'" + text + "'";
    }
}
