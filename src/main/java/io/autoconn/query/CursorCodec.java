package io.autoconn.query;

import static io.autoconn.error.ErrorCode.INVALID_CURSOR;

import io.autoconn.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Cursors as clients see them: base64url without padding of
 *
 * <pre>
 * byte     format version (1)
 * byte     direction: 'N' next, 'P' prev
 * byte[16] fingerprint: the first 16 bytes of SHA-256 over the resource, canonical sort, filter and scope
 * byte     sort value type: 'S' string, 'L' long
 * ...      sort value: a string (2-byte length, UTF-8) or an 8-byte long
 * ...      id: a string (2-byte length, UTF-8)
 * </pre>
 *
 * The fingerprint ties a cursor to the listing it came from, so that it cannot resume a walk under another
 * filter, sort or visibility. It is not a secret: the request's own filter and visibility always apply, so a
 * forged cursor can only choose where a page starts. A binary layout keeps cursors short and leaves nothing to
 * parse leniently.
 */
final class CursorCodec {
    /**
     * Longer input is refused unread. The worst real cursor, a 255-character name of 4-byte UTF-8 characters and
     * a 36-character id, is about 1,450 characters.
     */
    static final int MAX_LENGTH = 2000;

    private static final byte VERSION = 1;
    private static final int FINGERPRINT_BYTES = 16;

    private final byte[] fingerprint;

    /** A codec for the cursors of one listing: one resource, sort, filter and scope. */
    CursorCodec(String resource, SortSpec sort, @Nullable String filter, String scope) {
        this.fingerprint = fingerprint(resource, sort.canonical(), filter == null ? "" : filter, scope);
    }

    String encode(Cursor cursor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(cursor.direction() == Cursor.Direction.NEXT ? 'N' : 'P');
            out.write(fingerprint);
            if (cursor.sortValue() instanceof Long value) {
                out.writeByte('L');
                out.writeLong(value);
            } else {
                out.writeByte('S');
                writeString(out, (String) cursor.sortValue());
            }
            writeString(out, cursor.id());
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
        // Refusing here rather than on the way back makes an over-long column a server error, not the client's.
        if (encoded.length() > MAX_LENGTH) {
            throw new IllegalStateException("A cursor for row " + cursor.id() + " would be " + encoded.length()
                    + " characters long, over " + MAX_LENGTH + ": its sort value is too long for a cursor");
        }
        return encoded;
    }

    /**
     * @param sortType the Java type of the sort column, String or Long, which the cursor's value must have
     * @throws ApiException INVALID_CURSOR for anything but a cursor of this listing
     */
    Cursor decode(String text, Class<?> sortType) {
        if (text.length() > MAX_LENGTH) {
            throw invalid("it is longer than " + MAX_LENGTH + " characters");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not base64url");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                throw invalid("its format is unknown");
            }
            Cursor.Direction direction = switch (in.readByte()) {
                case 'N' -> Cursor.Direction.NEXT;
                case 'P' -> Cursor.Direction.PREV;
                default -> throw invalid("its direction is unknown");
            };
            byte[] issuedFor = new byte[FINGERPRINT_BYTES];
            in.readFully(issuedFor);
            if (!Arrays.equals(issuedFor, fingerprint)) {
                throw new ApiException(INVALID_CURSOR, "The cursor was issued for a different filter, sort or"
                        + " listAll; repeat those parameters unchanged with the cursor, or drop the cursor to start"
                        + " from the first page");
            }
            Object sortValue = switch (in.readByte()) {
                case 'L' -> in.readLong();
                case 'S' -> readString(in);
                default -> throw invalid("its sort value has an unknown type");
            };
            if (sortValue.getClass() != sortType) {
                throw invalid("its sort value does not fit the sort");
            }
            String id = readString(in);
            if (in.available() > 0) {
                throw invalid("it has trailing bytes");
            }
            return new Cursor(direction, sortValue, id);
        } catch (IOException e) {
            throw invalid("it is truncated");
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readUnsignedShort()];
        in.readFully(utf8);
        String value = new String(utf8, StandardCharsets.UTF_8);
        // No stored value holds a NUL, and PostgreSQL would fail the query on one rather than find nothing.
        if (value.indexOf('\u0000') >= 0) {
            throw invalid("it holds a NUL character");
        }
        return value;
    }

    private static ApiException invalid(String why) {
        return new ApiException(INVALID_CURSOR, "The cursor is not one this API issued: " + why
                + "; pass the cursor from a previous response unchanged, or drop it to start from the first page");
    }

    /** Each part is length-prefixed, so no two different listings hash the same bytes. */
    private static byte[] fingerprint(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
                sha256.update(utf8);
            }
            return Arrays.copyOf(sha256.digest(), FINGERPRINT_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
