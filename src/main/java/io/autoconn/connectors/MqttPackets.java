package io.autoconn.connectors;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two MQTT 3.1.1 packets a check exchanges (OASIS MQTT 3.1.1, section 3.1 CONNECT and 3.2 CONNACK)
 * and the DISCONNECT that ends it politely.
 */
final class MqttPackets {
    /** Packet type 1 (CONNECT) and 14 (DISCONNECT) in the high nibble, no flags. */
    private static final int CONNECT = 0x10;
    private static final int CONNACK = 0x20;
    static final byte[] DISCONNECT = {(byte) 0xE0, 0x00};

    private static final int PROTOCOL_LEVEL_3_1_1 = 4;
    private static final int USER_NAME_FLAG = 0x80;
    private static final int PASSWORD_FLAG = 0x40;
    private static final int CLEAN_SESSION_FLAG = 0x02;
    /** Seconds; the check disconnects long before it matters, but 0 would ask for no keep-alive at all. */
    private static final int KEEP_ALIVE_SECONDS = 60;

    private MqttPackets() {
    }

    /** CONNECT with a clean session, the client id and, when given, the user name and password. */
    static byte[] connect(MqttTarget target) {
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        writeString(variable, "MQTT".getBytes(StandardCharsets.UTF_8));
        variable.write(PROTOCOL_LEVEL_3_1_1);
        int flags = CLEAN_SESSION_FLAG;
        if (target.username().isPresent()) {
            flags |= USER_NAME_FLAG;
        }
        if (target.password().isPresent()) {
            flags |= PASSWORD_FLAG;
        }
        variable.write(flags);
        variable.write(KEEP_ALIVE_SECONDS >> 8);
        variable.write(KEEP_ALIVE_SECONDS & 0xFF);
        writeString(variable, target.clientId().getBytes(StandardCharsets.UTF_8));
        target.username().ifPresent(user -> writeString(variable, user.getBytes(StandardCharsets.UTF_8)));
        target.password().ifPresent(password -> writeString(variable, password.reveal().getBytes(StandardCharsets.UTF_8)));

        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(CONNECT);
        writeRemainingLength(packet, variable.size());
        packet.writeBytes(variable.toByteArray());
        return packet.toByteArray();
    }

    /**
     * Reads the broker's answer to CONNECT and returns its return code (0 accepted, 1 to 5 refused).
     *
     * @throws NotMqttException when the answer is not a CONNACK
     * @throws EOFException     when the broker closed the connection without answering
     */
    static int readConnackReturnCode(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.readUnsignedByte();
        int length = data.readUnsignedByte();
        if (type != CONNACK || length != 2) {
            throw new NotMqttException(String.format("the first bytes of its answer were 0x%02X 0x%02X", type, length));
        }
        data.readUnsignedByte(); // acknowledge flags: session present, meaningless for a clean session
        return data.readUnsignedByte();
    }

    /** A UTF-8 string or binary data: two bytes of length, then the bytes. */
    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    /** Seven bits a byte, least significant first; the high bit says another byte follows. */
    private static void writeRemainingLength(ByteArrayOutputStream out, int length) {
        int rest = length;
        do {
            int digit = rest % 128;
            rest /= 128;
            out.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }

    /** The peer answered, but not as an MQTT broker. */
    static final class NotMqttException extends IOException {
        NotMqttException(String message) {
            super(message);
        }
    }
}
