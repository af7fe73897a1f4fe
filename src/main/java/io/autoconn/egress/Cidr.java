package io.autoconn.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A block of IPv4 or IPv6 addresses: a network address and a prefix length ({@code 10.0.0.0/8}). */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code a.b.c.d/n}, {@code v6::/n}, or a single address (a block of one). Only IP literals:
     * a host name would have to be resolved, once, and its addresses may change.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = literal(addressText).orElseThrow(() -> new IllegalArgumentException(
                "\"" + trimmed + "\" is not an IP address or a CIDR block (such as 10.0.0.0/8 or fd00::/8)"));
        if (addressText.contains(":") && address instanceof Inet4Address) {
            throw new IllegalArgumentException("\"" + trimmed + "\" is an IPv4-mapped IPv6 block; write it as IPv4 ("
                    + address.getHostAddress() + ")");
        }
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : prefixLength(trimmed.substring(slash + 1), bits, trimmed);
        Cidr cidr = new Cidr(address.getAddress(), prefix, slash < 0 ? trimmed + "/" + prefix : trimmed);
        if (!cidr.hostBitsZero()) {
            throw new IllegalArgumentException("\"" + trimmed + "\" has bits set after its /" + prefix
                    + " prefix; write the block's first address");
        }
        return cidr;
    }

    /** An IPv4 dotted quad or an IPv6 literal (brackets allowed), parsed without any DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static int prefixLength(String text, int bits, String whole) {
        if (text.matches("\\d{1,3}")) {
            int prefix = Integer.parseInt(text);
            if (prefix <= bits) {
                return prefix;
            }
        }
        throw new IllegalArgumentException("\"" + whole + "\" has an invalid prefix length: /" + text
                + " (0 to " + bits + ")");
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** Whether the address is in this block; an address of the other family never is. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    private boolean hostBitsZero() {
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The block as it was written, with its prefix length. */
    @Override
    public String toString() {
        return text;
    }
}
