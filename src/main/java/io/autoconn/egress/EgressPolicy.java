package io.autoconn.egress;

import io.autoconn.egress.EgressRule.Origin;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which addresses connection checks may connect to. A check connects wherever a connection's params
 * say, so without this any user could make the server reach what only the server can: above all the
 * cloud metadata services, which hand out the machine's credentials.
 *
 * <p>Rules are CIDR blocks: autoconn's built-in refusals ({@link #BUILT_IN}: link-local, cloud metadata,
 * unspecified, multicast and reserved addresses), the operator's {@value #DENY_SETTING} and
 * {@value #ALLOW_SETTING}. For each address, the most specific matching rule (the longest prefix)
 * decides; at equal length deny beats allow, and both beat a built-in rule. No matching rule: allowed,
 * so loopback and private networks are reachable unless denied. An IPv6 address embedding an IPv4 one
 * (NAT64, {@code 64:ff9b::/96}) is refused when either address is. A host name is refused when any of
 * its addresses is, since the client may connect to any of them.
 */
public final class EgressPolicy {
    public static final String ALLOW_SETTING = "AUTOCONN_EGRESS_ALLOW";
    public static final String DENY_SETTING = "AUTOCONN_EGRESS_DENY";

    /** Refused unless an operator allows them; loopback and private networks are not here on purpose. */
    public static final List<EgressRule> BUILT_IN = List.of(
            builtIn("0.0.0.0/8", "\"this network\": 0.0.0.0 reaches this server itself"),
            builtIn("169.254.0.0/16", "IPv4 link-local, where cloud metadata services listen: "
                    + "169.254.169.254 on AWS, Google Cloud, Azure, OpenStack and others, 169.254.170.2 on AWS ECS"),
            builtIn("100.100.100.200/32", "the Alibaba Cloud metadata service"),
            builtIn("168.63.129.16/32", "the Azure platform endpoint (WireServer)"),
            builtIn("192.0.0.192/32", "the Oracle Cloud metadata service"),
            builtIn("224.0.0.0/4", "IPv4 multicast"),
            builtIn("240.0.0.0/4", "reserved IPv4 addresses and the broadcast address"),
            builtIn("::/128", "the unspecified IPv6 address, which reaches this server itself"),
            builtIn("fe80::/10", "IPv6 link-local, where OpenStack's metadata service listens (fe80::a9fe:a9fe)"),
            builtIn("fd00:ec2::/32", "AWS's internal IPv6 services: the metadata service fd00:ec2::254, "
                    + "EKS Pod Identity fd00:ec2::23"),
            builtIn("fd20:ce::254/128", "the Google Cloud metadata service over IPv6"),
            builtIn("ff00::/8", "IPv6 multicast"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private final List<Cidr> allow;
    private final List<Cidr> deny;
    private final List<EgressRule> rules;

    private EgressPolicy(List<Cidr> allow, List<Cidr> deny) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.rules = Stream.of(BUILT_IN.stream(),
                        allow.stream().map(cidr -> new EgressRule(cidr, Origin.ALLOW, "")),
                        deny.stream().map(cidr -> new EgressRule(cidr, Origin.DENY, "")))
                .flatMap(s -> s).toList();
    }

    /** The built-in rules only. */
    public static EgressPolicy defaults() {
        return new EgressPolicy(List.of(), List.of());
    }

    /**
     * The policy of the two settings, each a list of CIDR blocks or single addresses separated by commas
     * or spaces; blank means none.
     *
     * @throws IllegalArgumentException naming the setting and the entry it cannot read
     */
    public static EgressPolicy of(String allow, String deny) {
        return new EgressPolicy(parseList(ALLOW_SETTING, allow), parseList(DENY_SETTING, deny));
    }

    private static List<Cidr> parseList(String setting, String list) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : list.strip().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                cidrs.add(Cidr.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": " + e.getMessage()); // says it all: no cause
            }
        }
        return cidrs;
    }

    /** The {@value #ALLOW_SETTING} blocks, comma-separated, as {@link #of} reads them. */
    public String allowList() {
        return join(allow);
    }

    /** The {@value #DENY_SETTING} blocks, comma-separated, as {@link #of} reads them. */
    public String denyList() {
        return join(deny);
    }

    /**
     * Resolves a target's host (every address, as a client may use any) and checks each address.
     *
     * @return the addresses, all allowed, in the resolver's order
     * @throws UnknownHostException    when the host does not resolve
     * @throws TargetRefusedException when any address is refused, saying which and by which rule
     */
    public List<InetAddress> resolve(String host, int port) throws UnknownHostException, TargetRefusedException {
        if (host == null || host.isBlank()) {
            // InetAddress resolves a blank host to the loopback address: never what a param meant.
            throw new UnknownHostException("No host given");
        }
        List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(host));
        for (InetAddress address : addresses) {
            check(host, port, address);
        }
        return addresses;
    }

    /**
     * Checks one address that {@code host} resolved to, just before connecting to it.
     *
     * @throws TargetRefusedException when the policy refuses the address
     */
    public void check(String host, int port, InetAddress address) throws TargetRefusedException {
        Optional<EgressRule> own = refusing(address);
        if (own.isPresent()) {
            throw new TargetRefusedException(host, port, address, address, own.get());
        }
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            Optional<EgressRule> rule = refusing(embedded.get());
            if (rule.isPresent()) {
                throw new TargetRefusedException(host, port, address, embedded.get(), rule.get());
            }
        }
    }

    /** The deciding rule, when it refuses: the most specific match; at equal length deny, allow, built-in. */
    private Optional<EgressRule> refusing(InetAddress address) {
        return rules.stream()
                .filter(rule -> rule.cidr().contains(address))
                .max(Comparator.comparingInt((EgressRule rule) -> rule.cidr().prefixLength())
                        .thenComparing(EgressRule::origin))
                .filter(EgressRule::refuses);
    }

    /** The IPv4 address a NAT64 address ({@code 64:ff9b::a.b.c.d}) leads to. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address) || !NAT64.contains(address)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(address.getAddress(), 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes always make an IPv4 address", e);
        }
    }

    private static EgressRule builtIn(String cidr, String description) {
        return new EgressRule(Cidr.parse(cidr), Origin.BUILT_IN, description);
    }

    private static String join(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }

    /** For the start-up log: what the operator changed. */
    @Override
    public String toString() {
        return "EgressPolicy[built-in refusals " + BUILT_IN.size() + ", allow [" + allowList() + "], deny ["
                + denyList() + "]]";
    }
}
