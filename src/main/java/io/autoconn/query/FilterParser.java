package io.autoconn.query;

import static io.autoconn.error.ErrorCode.INVALID_FILTER;

import io.autoconn.error.ApiException;
import io.autoconn.query.FilterToken.Kind;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Recursive descent over the filter grammar of RFC 7644 section 3.4.2.2, binding not tighter than and, and and
 * tighter than or:
 *
 * <pre>
 * or      = and *("or" and)
 * and     = unary *("and" unary)
 * unary   = "not" group / group / attrExp
 * group   = "(" or ")"
 * attrExp = attrName "pr" / attrName compareOp value
 * </pre>
 *
 * The parser only recurses into parentheses, whose depth is capped, so no input can overflow the stack.
 * One parser reads one filter.
 */
final class FilterParser {
    static final int MAX_DEPTH = 32;
    static final int MAX_COMPARISONS = 100;

    private final FilterLexer lexer;
    private final Map<String, FilterAttribute> attributes;
    private final Map<String, FilterAttribute> attributesByLowerName = new HashMap<>();
    private FilterToken current;
    private @Nullable FilterToken previous;
    private int depth;
    private int comparisons;

    FilterParser(String filter, Map<String, FilterAttribute> attributes) {
        this.lexer = new FilterLexer(filter);
        this.attributes = attributes;
        attributes.forEach((name, attribute) -> {
            if (attributesByLowerName.put(name.toLowerCase(Locale.ROOT), attribute) != null) {
                throw new IllegalArgumentException("Filter attributes differ only in case: " + attributes.keySet());
            }
        });
        this.current = lexer.next();
    }

    Condition parse() {
        Condition condition = parseOr();
        if (current.kind() != Kind.END) {
            throw expected("'and', 'or' or the end of the filter");
        }
        return condition;
    }

    private Condition parseOr() {
        return parseSequence("or", this::parseAnd, DSL::or);
    }

    private Condition parseAnd() {
        return parseSequence("and", this::parseUnary, DSL::and);
    }

    /** Operands joined by one keyword, combined flat rather than nested so that long chains stay shallow. */
    private Condition parseSequence(
            String keyword, Supplier<Condition> operand, Function<List<Condition>, Condition> join) {
        List<Condition> operands = new ArrayList<>();
        operands.add(operand.get());
        while (current.isWord(keyword)) {
            advance();
            operands.add(operand.get());
        }
        return operands.size() == 1 ? operands.get(0) : join.apply(operands);
    }

    private Condition parseUnary() {
        if (current.isWord("not")) {
            advance();
            if (current.kind() != Kind.OPEN_PAREN) {
                throw expected("'('");
            }
            return DSL.not(parseGroup());
        }
        if (current.kind() == Kind.OPEN_PAREN) {
            return parseGroup();
        }
        if (current.kind() == Kind.WORD) {
            return parseAttributeExpression();
        }
        throw expected("an attribute name, 'not' or '('");
    }

    private Condition parseGroup() {
        FilterToken open = current;
        if (++depth > MAX_DEPTH) {
            throw new ApiException(INVALID_FILTER, "Filter nests parentheses more than " + MAX_DEPTH
                    + " levels deep at position " + open.position());
        }
        advance();
        Condition condition = parseOr();
        if (current.kind() != Kind.CLOSE_PAREN) {
            throw expected("'and', 'or' or ')' closing the '(' at position " + open.position());
        }
        advance();
        depth--;
        return condition;
    }

    private Condition parseAttributeExpression() {
        FilterToken name = current;
        if (++comparisons > MAX_COMPARISONS) {
            throw new ApiException(INVALID_FILTER, "Filter has more than " + MAX_COMPARISONS
                    + " comparisons; the one at position " + name.position() + " is one too many");
        }
        advance();
        FilterAttribute attribute = resolve(name);
        ComparisonOperator operator = ComparisonOperator.of(current)
                .orElseThrow(() -> expected("an operator (" + ComparisonOperator.ALL + ")"));
        ComparisonCompiler.checkApplicable(attribute, operator, current);
        advance();
        if (operator == ComparisonOperator.PR) {
            return ComparisonCompiler.present(attribute);
        }
        if (!isValue(current)) {
            throw expected("a value (a quoted string, true, false, null or a number)");
        }
        FilterToken value = current;
        advance();
        return ComparisonCompiler.compare(attribute, operator, value);
    }

    /** The attribute a name token stands for; {@code current} is the token after the name. */
    private FilterAttribute resolve(FilterToken name) {
        if (current.kind() == Kind.OPEN_BRACKET) {
            throw new ApiException(INVALID_FILTER, "Value path filters such as '" + name.text()
                    + "[...]' are not supported (position " + current.position() + ")");
        }
        if (name.text().contains(":")) {
            throw new ApiException(INVALID_FILTER, "Attribute names with a schema URI such as '" + name.text()
                    + "' are not supported (position " + name.position() + "); use the bare attribute name");
        }
        if (name.text().contains(".")) {
            throw new ApiException(INVALID_FILTER, "Sub-attributes such as '" + name.text()
                    + "' are not supported (position " + name.position() + ")");
        }
        FilterAttribute attribute = attributesByLowerName.get(name.text().toLowerCase(Locale.ROOT));
        if (attribute == null) {
            throw new ApiException(INVALID_FILTER, "Unknown attribute " + name.quoted() + " at position "
                    + name.position() + "; filterable attributes are: " + String.join(", ", attributes.keySet()));
        }
        return attribute;
    }

    private static boolean isValue(FilterToken token) {
        return token.kind() == Kind.STRING
                || token.kind() == Kind.NUMBER
                || token.isWord("true")
                || token.isWord("false")
                || token.isWord("null");
    }

    private void advance() {
        previous = current;
        current = lexer.next();
    }

    private ApiException expected(String what) {
        String after = previous == null ? "" : " after " + previous.quoted();
        return new ApiException(INVALID_FILTER, "Expected " + what + after + " at position " + current.position());
    }
}
