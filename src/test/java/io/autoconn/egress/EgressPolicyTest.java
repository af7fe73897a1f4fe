package io.autoconn.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressPolicyTest {
    private static final EgressPolicy DEFAULTS = EgressPolicy.defaults();

    private static InetAddress ip(String literal) {
        return Cidr.literal(literal).orElseThrow(() -> new AssertionError("not a literal: " + literal));
    }

    private static boolean allows(EgressPolicy policy, InetAddress address) {
        try {
            policy.check(address.getHostAddress(), 80, address);
            return true;
        } catch (TargetRefusedException e) {
            return false;
        }
    }

    private static String refusal(EgressPolicy policy, String host, int port) {
        try {
            policy.resolve(host, port);
        } catch (TargetRefusedException e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(host + " was allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "169.254.169.254", // AWS, GCP, Azure, OpenStack metadata
            "169.254.170.2", // AWS ECS task metadata
            "169.254.0.1",
            "100.100.100.200", // Alibaba Cloud
            "168.63.129.16", // Azure WireServer
            "192.0.0.192", // Oracle Cloud
            "fd00:ec2::254", // AWS metadata over IPv6
            "fd00:ec2::23", // EKS Pod Identity
            "fd20:ce::254", // Google Cloud metadata over IPv6
            "fe80::a9fe:a9fe", // OpenStack metadata over IPv6
            "fe80::1",
            "0.0.0.0", "0.1.2.3", "::",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "ff02::1",
            "::ffff:169.254.169.254", // IPv4-mapped: the JDK makes it the IPv4 address
            "64:ff9b::a9fe:a9fe", // NAT64 form of 169.254.169.254
    })
    void theBuiltInRulesRefuseLinkLocalMetadataAndUnroutableAddresses(String address) {
        assertThat(allows(DEFAULTS, ip(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.10",
            "100.64.0.1", "100.100.100.201", "fd12:3456::1", "fc00::1", "8.8.8.8", "2001:db8::1",
            "64:ff9b::808:808", "169.253.255.255", "169.255.0.0"})
    void loopbackPrivateAndPublicAddressesAreAllowedByDefault(String address) {
        assertThat(allows(DEFAULTS, ip(address))).as(address).isTrue();
    }

    @Test
    void aRefusalNamesTheTargetTheAddressAndTheRule() {
        assertThat(refusal(DEFAULTS, "169.254.169.254", 80)).isEqualTo("Checks may not connect to 169.254.169.254:80: "
                + "169.254.169.254 is in 169.254.0.0/16 (IPv4 link-local, where cloud metadata services listen: "
                + "169.254.169.254 on AWS, Google Cloud, Azure, OpenStack and others, 169.254.170.2 on AWS ECS), "
                + "refused by default (AUTOCONN_EGRESS_ALLOW can allow it).");
        assertThat(refusal(DEFAULTS, "[fd00:ec2::254]", 80)).startsWith(
                "Checks may not connect to [fd00:ec2::254]:80: fd00:ec2::254 is in fd00:ec2::/32 (AWS's internal");
        assertThat(refusal(DEFAULTS, "fd00:ec2:0:0:0:0:0:254", 443)).startsWith(
                "Checks may not connect to [fd00:ec2:0:0:0:0:0:254]:443: fd00:ec2::254 is in fd00:ec2::/32");
        assertThat(refusal(DEFAULTS, "64:ff9b::a9fe:a9fe", 80)).startsWith("Checks may not connect to "
                + "[64:ff9b::a9fe:a9fe]:80: 64:ff9b::a9fe:a9fe (the NAT64 form of 169.254.169.254) is in 169.254.0.0/16");
    }

    @Test
    void aHostNameIsRefusedWhenAnAddressItResolvesToIsDenied() throws Exception {
        EgressPolicy policy = EgressPolicy.of("", "127.0.0.0/8");
        assertThat(refusal(policy, "localhost", 5432)).isEqualTo("Checks may not connect to localhost:5432: "
                + "localhost resolves to 127.0.0.1, which is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(DEFAULTS.resolve("localhost", 5432)).contains(ip("127.0.0.1"));
    }

    @Test
    void anUnknownHostIsNotAPolicyMatter() {
        assertThatThrownBy(() -> DEFAULTS.resolve("no-such-host.invalid", 80)).isInstanceOf(UnknownHostException.class);
        // The JDK would take a blank host for the loopback address.
        assertThatThrownBy(() -> DEFAULTS.resolve(" ", 80)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void denyBlocksRefuseLoopbackAndPrivateAddressesToo() {
        EgressPolicy policy = EgressPolicy.of("", "127.0.0.0/8, ::1 fd00::/8,10.0.0.0/8");
        assertThat(refusal(policy, "127.0.0.1", 80)).isEqualTo("Checks may not connect to 127.0.0.1:80: "
                + "127.0.0.1 is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(refusal(policy, "::1", 80)).isEqualTo("Checks may not connect to [::1]:80: "
                + "::1 is in ::1/128, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(allows(policy, ip("fd12::1"))).isFalse();
        assertThat(allows(policy, ip("10.9.9.9"))).isFalse();
        assertThat(allows(policy, ip("192.168.0.1"))).isTrue();
        assertThat(allows(policy, ip("169.254.169.254"))).isFalse();
    }

    @Test
    void anAllowBlockOverridesABuiltInRuleAsFarAsItReaches() {
        EgressPolicy one = EgressPolicy.of("169.254.169.254", "");
        assertThat(allows(one, ip("169.254.169.254"))).isTrue();
        assertThat(allows(one, ip("169.254.1.1"))).isFalse();
        // The same block as the built-in rule: the operator's word wins.
        assertThat(allows(EgressPolicy.of("169.254.0.0/16,fe80::/10", ""), ip("169.254.1.1"))).isTrue();
        assertThat(allows(EgressPolicy.of("169.254.0.0/16,fe80::/10", ""), ip("fe80::1"))).isTrue();
        // Allowing everything does not open the metadata services: the built-in blocks are more specific.
        EgressPolicy everything = EgressPolicy.of("0.0.0.0/0, ::/0", "");
        assertThat(allows(everything, ip("169.254.169.254"))).isFalse();
        assertThat(allows(everything, ip("fd00:ec2::254"))).isFalse();
    }

    @Test
    void theMostSpecificBlockDecides() {
        EgressPolicy policy = EgressPolicy.of("10.20.0.0/16", "10.0.0.0/8,10.20.30.0/24");
        assertThat(allows(policy, ip("10.1.1.1"))).isFalse();
        assertThat(allows(policy, ip("10.20.1.1"))).isTrue();
        assertThat(allows(policy, ip("10.20.30.1"))).isFalse();
        // Only these networks: deny everything, allow some.
        EgressPolicy only = EgressPolicy.of("192.168.5.0/24, fd00:1::/32", "0.0.0.0/0, ::/0");
        assertThat(allows(only, ip("192.168.5.7"))).isTrue();
        assertThat(allows(only, ip("fd00:1::7"))).isTrue();
        assertThat(allows(only, ip("192.168.6.7"))).isFalse();
        assertThat(allows(only, ip("8.8.8.8"))).isFalse();
        assertThat(allows(only, ip("::1"))).isFalse();
    }

    @Test
    void denyBeatsAllowForTheSameBlock() {
        assertThat(allows(EgressPolicy.of("10.0.0.0/8", "10.0.0.0/8"), ip("10.1.2.3"))).isFalse();
        assertThat(allows(EgressPolicy.of("::1", "::1/128"), ip("::1"))).isFalse();
    }

    @Test
    void aNat64AddressIsRefusedWhenTheIpv4AddressItLeadsToIs() {
        EgressPolicy policy = EgressPolicy.of("64:ff9b::/96", "10.0.0.0/8");
        assertThat(allows(policy, ip("64:ff9b::a00:1"))).isFalse(); // 10.0.0.1
        assertThat(allows(policy, ip("64:ff9b::808:808"))).isTrue(); // 8.8.8.8
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1/8|AUTOCONN_EGRESS_DENY: \"10.0.0.1/8\" has bits set after its /8 prefix; write the block's first address",
            "10.0.0.0/33|AUTOCONN_EGRESS_DENY: \"10.0.0.0/33\" has an invalid prefix length: /33 (0 to 32)",
            "10.0.0.0/x|AUTOCONN_EGRESS_DENY: \"10.0.0.0/x\" has an invalid prefix length: /x (0 to 32)",
            "fd00::/129|AUTOCONN_EGRESS_DENY: \"fd00::/129\" has an invalid prefix length: /129 (0 to 128)",
            "metadata.google.internal|AUTOCONN_EGRESS_DENY: \"metadata.google.internal\" is not an IP address or a CIDR block (such as 10.0.0.0/8 or fd00::/8)",
            "300.1.1.1|AUTOCONN_EGRESS_DENY: \"300.1.1.1\" is not an IP address or a CIDR block (such as 10.0.0.0/8 or fd00::/8)",
            "::ffff:10.0.0.0/104|AUTOCONN_EGRESS_DENY: \"::ffff:10.0.0.0/104\" is an IPv4-mapped IPv6 block; write it as IPv4 (10.0.0.0)",
    })
    void aSettingItCannotReadIsRefusedNamingTheSettingAndTheEntry(String entry, String message) {
        assertThatThrownBy(() -> EgressPolicy.of("", "192.168.0.0/16," + entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> EgressPolicy.of(entry, "")).hasMessageStartingWith("AUTOCONN_EGRESS_ALLOW: ");
    }

    @Test
    void listsAreReadBackAsWritten() {
        EgressPolicy policy = EgressPolicy.of(" 10.0.0.0/8 ,, fd00::/8 ", "\t127.0.0.1\n");
        assertThat(policy.allowList()).isEqualTo("10.0.0.0/8,fd00::/8");
        assertThat(policy.denyList()).isEqualTo("127.0.0.1/32");
        assertThat(EgressPolicy.of(" ", "").allowList()).isEmpty();
    }
}
