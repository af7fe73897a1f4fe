package io.autoconn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SortSpecTest {
    private static final Set<String> ALLOWED = new LinkedHashSet<>(List.of("id", "name", "createdAt", "updatedAt"));

    private static SortSpec parse(String sort) {
        return SortSpec.parse(sort, ALLOWED, "id");
    }

    @Test
    void missingSortIsTheDefaultAscending() {
        assertThat(parse(null)).isEqualTo(new SortSpec("id", false));
        assertThat(parse("")).isEqualTo(new SortSpec("id", false));
    }

    @Test
    void signsChooseTheDirection() {
        assertThat(parse("name")).isEqualTo(new SortSpec("name", false));
        assertThat(parse("+name")).isEqualTo(new SortSpec("name", false));
        assertThat(parse("-createdAt")).isEqualTo(new SortSpec("createdAt", true));
    }

    @Test
    void aPlusDecodedToASpaceStillMeansAscending() {
        assertThat(parse(" updatedAt")).isEqualTo(new SortSpec("updatedAt", false));
    }

    @Test
    void canonicalFormIsAlwaysSigned() {
        assertThat(parse("name").canonical()).isEqualTo("+name");
        assertThat(parse("+name").canonical()).isEqualTo("+name");
        assertThat(parse("-name").canonical()).isEqualTo("-name");
        assertThat(parse(null).canonical()).isEqualTo("+id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Name", "NAME", "color", "--name", "+-name", "-", "+", " ", "name ", "name,id", "-name+"})
    void anythingElseIsRejectedListingTheAllowedValues(String sort) {
        assertThatThrownBy(() -> parse(sort)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SORT);
            assertThat(e.detail()).isEqualTo("Cannot sort by '" + sort + "'; allowed values are: id, +id, -id, name,"
                    + " +name, -name, createdAt, +createdAt, -createdAt, updatedAt, +updatedAt, -updatedAt");
        });
    }
}
