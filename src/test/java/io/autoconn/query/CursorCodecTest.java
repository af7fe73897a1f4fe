package io.autoconn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorCodecTest {
    private static final SortSpec BY_NAME = new SortSpec("name", false);
    private static final CursorCodec CODEC = new CursorCodec("conn", BY_NAME, "name co \"x\"", "own");

    @Test
    void roundTripsStringAndLongSortValues() {
        Cursor byName = new Cursor(Cursor.Direction.NEXT, "My-Prod-DB \u00e9\ud83d\ude00", "id-1");
        assertThat(CODEC.decode(CODEC.encode(byName), String.class)).isEqualTo(byName);
        CursorCodec byTime = new CursorCodec("conn", new SortSpec("createdAt", true), null, "own");
        Cursor cursor = new Cursor(Cursor.Direction.PREV, -1_640_262_501_000_001L, "id-2");
        assertThat(byTime.decode(byTime.encode(cursor), Long.class)).isEqualTo(cursor);
    }

    @Test
    void cursorsAreUrlSafeWithoutPadding() {
        String encoded = CODEC.encode(new Cursor(Cursor.Direction.NEXT, "???>>>~~~", "a"));
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theLongestRealCursorFitsTheLimit() {
        String name = "\ud83d\ude00".repeat(255);
        String id = "e0e720d0-4947-11ec-a1d2-9559fa35801d";
        String encoded = CODEC.encode(new Cursor(Cursor.Direction.NEXT, name, id));
        assertThat(encoded.length()).isLessThanOrEqualTo(CursorCodec.MAX_LENGTH);
        assertThat(CODEC.decode(encoded, String.class).sortValue()).isEqualTo(name);
    }

    @Test
    void aSortValueTooLongForACursorIsAServerError() {
        Cursor cursor = new Cursor(Cursor.Direction.NEXT, "x".repeat(CursorCodec.MAX_LENGTH), "id");
        assertThatThrownBy(() -> CODEC.encode(cursor)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCursorOfAnotherFilterSortScopeOrResourceIsRejected() {
        String encoded = CODEC.encode(new Cursor(Cursor.Direction.NEXT, "a", "id"));
        String message = "The cursor was issued for a different filter, sort or listAll; repeat those parameters"
                + " unchanged with the cursor, or drop the cursor to start from the first page";
        for (CursorCodec other : new CursorCodec[] {
                new CursorCodec("conn", BY_NAME, "name co \"y\"", "own"),
                new CursorCodec("conn", BY_NAME, null, "own"),
                new CursorCodec("conn", new SortSpec("name", true), "name co \"x\"", "own"),
                new CursorCodec("conn", BY_NAME, "name co \"x\"", "listAll"),
                new CursorCodec("connectors", BY_NAME, "name co \"x\"", "own")}) {
            assertInvalid(() -> other.decode(encoded, String.class), message);
        }
    }

    @Test
    void aSortValueOfTheWrongTypeIsRejected() {
        String encoded = CODEC.encode(new Cursor(Cursor.Direction.NEXT, 5L, "id"));
        assertInvalid(() -> CODEC.decode(encoded, String.class), notIssued("its sort value does not fit the sort"));
    }

    @Test
    void overLongInputIsRejectedUnread() {
        assertInvalid(() -> CODEC.decode("A".repeat(CursorCodec.MAX_LENGTH + 1), String.class),
                notIssued("it is longer than 2000 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "a b", "====", "AQ=A"})
    void nonBase64IsRejected(String text) {
        assertInvalid(() -> CODEC.decode(text, String.class), notIssued("it is not base64url"));
    }

    @Test
    void corruptContentIsRejected() {
        byte[] valid = Base64.getUrlDecoder().decode(CODEC.encode(new Cursor(Cursor.Direction.NEXT, "abc", "id")));
        assertInvalid(() -> decodeBytes(new byte[0]), notIssued("it is truncated"));
        for (int length = 1; length < valid.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> decodeBytes(truncated))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CURSOR));
        }
        assertInvalid(() -> decodeBytes(withByte(valid, 0, 2)), notIssued("its format is unknown"));
        assertInvalid(() -> decodeBytes(withByte(valid, 1, 'X')), notIssued("its direction is unknown"));
        assertInvalid(() -> decodeBytes(withByte(valid, 18, 'X')), notIssued("its sort value has an unknown type"));
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertInvalid(() -> decodeBytes(trailing), notIssued("it has trailing bytes"));
        assertInvalid(() -> decodeBytes(withByte(valid, 22, 0)), notIssued("it holds a NUL character"));
        byte[] longerThanItIs = withByte(valid, 19, 0x7f);
        assertInvalid(() -> decodeBytes(longerThanItIs), notIssued("it is truncated"));
    }

    private static Cursor decodeBytes(byte[] bytes) {
        return CODEC.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), String.class);
    }

    private static byte[] withByte(byte[] bytes, int index, int value) {
        byte[] changed = bytes.clone();
        changed[index] = (byte) value;
        return changed;
    }

    private static String notIssued(String why) {
        return "The cursor is not one this API issued: " + why
                + "; pass the cursor from a previous response unchanged, or drop it to start from the first page";
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CURSOR);
            assertThat(e.detail()).isEqualTo(message);
        });
    }
}
