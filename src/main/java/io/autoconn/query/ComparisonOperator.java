package io.autoconn.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The attribute operators of RFC 7644 section 3.4.2.2, in the order the RFC lists them. */
enum ComparisonOperator {
    EQ, NE, CO, SW, EW, PR, GT, GE, LT, LE;

    /** "eq, ne, co, sw, ew, pr, gt, ge, lt, le", for error messages. */
    static final String ALL =
            Arrays.stream(values()).map(ComparisonOperator::keyword).collect(Collectors.joining(", "));

    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** co, sw and ew match part of a string, which means nothing for a timestamp. */
    boolean isSubstringMatch() {
        return this == CO || this == SW || this == EW;
    }

    static Optional<ComparisonOperator> of(FilterToken token) {
        return Arrays.stream(values()).filter(op -> token.isWord(op.keyword())).findFirst();
    }
}
