package io.autoconn.query;

import static io.autoconn.error.ErrorCode.INVALID_FILTER;

import io.autoconn.error.ApiException;
import io.autoconn.query.FilterToken.Kind;
import java.util.regex.Pattern;

/** Splits a SCIM filter into tokens on demand, so that errors are reported in the order they occur. */
final class FilterLexer {
    /** RFC 8259 number syntax; numbers only ever produce type errors, so they are checked but not converted. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String source;
    private int index;

    FilterLexer(String source) {
        this.source = source;
    }

    FilterToken next() {
        skipWhitespace();
        if (index >= source.length()) {
            return new FilterToken(Kind.END, "", "", index + 1);
        }
        char c = source.charAt(index);
        return switch (c) {
            case '(' -> single(Kind.OPEN_PAREN);
            case ')' -> single(Kind.CLOSE_PAREN);
            case '[' -> single(Kind.OPEN_BRACKET);
            case '"' -> string();
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                if (isLetter(c)) {
                    yield word();
                }
                throw new ApiException(INVALID_FILTER, "Unexpected character '"
                        + Character.toString(source.codePointAt(index)) + "' at position " + (index + 1));
            }
        };
    }

    private void skipWhitespace() {
        while (index < source.length() && Character.isWhitespace(source.charAt(index))) {
            index++;
        }
    }

    private FilterToken single(Kind kind) {
        index++;
        return token(kind, index - 1);
    }

    /**
     * An attribute name or keyword. RFC 7644 names are ALPHA *(ALPHA / DIGIT / "-" / "_"); '.' and ':' are
     * taken in too so that sub-attributes and schema URIs arrive whole and can be refused by name.
     */
    private FilterToken word() {
        int start = index;
        while (index < source.length() && isWordChar(source.charAt(index))) {
            index++;
        }
        return token(Kind.WORD, start);
    }

    private FilterToken number() {
        int start = index;
        while (index < source.length() && isNumberChar(source.charAt(index))) {
            index++;
        }
        FilterToken token = token(Kind.NUMBER, start);
        if (!NUMBER.matcher(token.text()).matches()) {
            throw new ApiException(INVALID_FILTER,
                    "Malformed number '" + token.text() + "' at position " + token.position());
        }
        return token;
    }

    /** A double-quoted string with JSON escapes (RFC 8259 section 7). */
    private FilterToken string() {
        int start = index;
        StringBuilder value = new StringBuilder();
        index++;
        while (index < source.length()) {
            char c = source.charAt(index);
            if (c == '"') {
                index++;
                return new FilterToken(Kind.STRING, source.substring(start, index), value.toString(), start + 1);
            }
            int at = index;
            char decoded = c == '\\' ? escape(start) : source.charAt(index++);
            // PostgreSQL cannot bind a NUL in text (it fails the query), and no stored value holds one.
            if (decoded == '\u0000') {
                throw new ApiException(INVALID_FILTER,
                        "Strings cannot contain the NUL character (U+0000), found at position " + (at + 1));
            }
            value.append(decoded);
        }
        throw unterminated(start);
    }

    private char escape(int stringStart) {
        int backslash = index;
        if (backslash + 1 >= source.length()) {
            throw unterminated(stringStart);
        }
        char escaped = source.charAt(backslash + 1);
        index += 2;
        return switch (escaped) {
            case '"', '\\', '/' -> escaped;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape(backslash);
            default -> throw new ApiException(INVALID_FILTER, "Invalid escape '\\" + escaped + "' at position "
                    + (backslash + 1) + "; strings allow \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        };
    }

    private char unicodeEscape(int backslash) {
        int code = 0;
        for (int digit = 0; digit < 4; digit++) {
            int value = index < source.length() ? hexValue(source.charAt(index)) : -1;
            if (value < 0) {
                throw new ApiException(INVALID_FILTER, "Invalid escape at position " + (backslash + 1)
                        + ": \\u must be followed by four hexadecimal digits");
            }
            code = code * 16 + value;
            index++;
        }
        return (char) code;
    }

    private ApiException unterminated(int start) {
        return new ApiException(INVALID_FILTER,
                "Unterminated string starting at position " + (start + 1) + ": the closing '\"' is missing");
    }

    private FilterToken token(Kind kind, int start) {
        String text = source.substring(start, index);
        return new FilterToken(kind, text, text, start + 1);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of an ASCII hex digit, or -1; Character.digit would also take non-ASCII digits. */
    private static int hexValue(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || isDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
    }

    private static boolean isNumberChar(char c) {
        return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }
}
