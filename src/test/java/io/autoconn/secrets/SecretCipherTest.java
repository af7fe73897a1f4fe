package io.autoconn.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.secrets.SecretCipher.Binding;
import io.autoconn.secrets.SecretCipher.SecretDecryptionException;
import io.autoconn.storage.Backend;
import io.autoconn.storage.ChangeNotifications;
import io.autoconn.storage.DataKeyStore;
import io.autoconn.storage.Database;
import io.autoconn.storage.JooqDataKeyStore;
import io.autoconn.storage.JooqDirectoryStore;
import io.autoconn.storage.Tables.DataKeys;
import io.autoconn.storage.TestDatabases;
import io.autoconn.storage.TestTenants;
import io.autoconn.testing.LegacyCiphertexts;
import io.micronaut.json.JsonMapper;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Envelope encryption of secret values on a real (SQLite) database: round trip, binding, v1 values. */
class SecretCipherTest {
    @TempDir
    Path dir;
    private Database db;
    private DataKeyStore store;
    private String tenant;
    private String otherTenant;
    private final String key = MasterKey.generate();

    @BeforeEach
    void setUp() {
        db = Database.open(TestDatabases.sqlite(dir), Backend.SQLITE);
        store = new JooqDataKeyStore(db, JsonMapper.createDefault(), new ChangeNotifications(db, () -> {
            throw new SQLException("SQLite: no instance listens");
        }));
        tenant = newTenant();
        otherTenant = newTenant();
    }

    private String newTenant() {
        return TestTenants.create(new JooqDirectoryStore(db)).id();
    }

    /** A cipher as a freshly started server has it: nothing cached. */
    private SecretCipher cipher(String... base64Keys) {
        List<MasterKey> keys = java.util.Arrays.stream(base64Keys).map(k -> MasterKey.decode(k, "test")).toList();
        KeyRing ring = KeyRing.of(keys, "test keys");
        return new SecretCipher(ring, new io.autoconn.secrets.DataKeys(ring, store, Clock.systemUTC()));
    }

    private Binding row(String tenantId) {
        return new Binding(tenantId, "connection", "param");
    }

    @Test
    void encryptsUnderTheTenantsDataKeyWithAFreshNonceAndDecryptsBackOnAnotherServer() {
        SecretCipher cipher = cipher(key);
        String a = cipher.encrypt(Secret.of("hunter2-Canary"), row(tenant));
        String b = cipher.encrypt(Secret.of("hunter2-Canary"), row(tenant));
        String dataKeyId = store.findForTenant(tenant).orElseThrow().id();
        assertThat(a).isNotEqualTo(b).doesNotContain("hunter2").startsWith("v2." + dataKeyId + ".");
        assertThat(b).startsWith("v2." + dataKeyId + ".");
        assertThat(cipher(key).decrypt(a, row(tenant)).reveal()).isEqualTo("hunter2-Canary");
        // One data key per tenant, wrapped with the master key, which the database never sees.
        String other = cipher.encrypt(Secret.of("x"), row(otherTenant));
        assertThat(other).doesNotContain(dataKeyId);
        assertThat(store.countByMasterKey()).containsExactly(java.util.Map.entry(MasterKey.decode(key, "k").id(), 2));
        assertThat(db.dsl().select(DataKeys.WRAPPED_KEY).from(DataKeys.TABLE).fetch(DataKeys.WRAPPED_KEY))
                .noneMatch(w -> w.contains(key.replace("=", "")));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrTamperedWithDoesNotDecrypt() {
        SecretCipher cipher = cipher(key);
        String text = cipher.encrypt(Secret.of("s"), row(tenant));
        cipher.encrypt(Secret.of("s"), row(otherTenant));
        for (Binding other : List.of(new Binding(otherTenant, "connection", "param"),
                new Binding(tenant, "other", "param"), new Binding(tenant, "connection", "other"))) {
            assertThatThrownBy(() -> cipher(key).decrypt(text, other)).isInstanceOfSatisfying(
                    SecretDecryptionException.class, e -> assertThat(e.keyMissing()).isFalse());
        }
        // Flip one bit of the sealed bytes themselves (a changed last base64 character may only touch padding bits).
        int payloadAt = text.lastIndexOf('.') + 1;
        byte[] sealed = Base64.getUrlDecoder().decode(text.substring(payloadAt));
        sealed[sealed.length / 2] ^= 1;
        String tampered = text.substring(0, payloadAt) + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        for (String bad : List.of(tampered, "garbage", "v9.x.y", "v2.no-such-key.AAAA")) {
            assertThatThrownBy(() -> cipher.decrypt(bad, row(tenant))).isInstanceOf(SecretDecryptionException.class);
        }
        assertThat(cipher.decrypt(text, row(tenant)).reveal()).isEqualTo("s");
    }

    @Test
    void aDataKeyRowAlteredOrWrappedWithAKeyNotHeldDoesNotUnwrap() {
        String text = cipher(key).encrypt(Secret.of("s"), row(tenant));
        assertThatThrownBy(() -> cipher(MasterKey.generate()).decrypt(text, row(tenant)))
                .isInstanceOfSatisfying(SecretDecryptionException.class, e -> assertThat(e.keyMissing()).isTrue())
                .hasMessageContaining("wrapped with master key " + MasterKey.decode(key, "k").id())
                .hasMessageNotContaining(key);
        // The tenant's data key cannot be unwrapped, so nothing new can be encrypted for it: 503, not 500.
        assertThatThrownBy(() -> cipher(MasterKey.generate()).encrypt(Secret.of("t"), row(tenant)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        db.dsl().update(DataKeys.TABLE).set(DataKeys.WRAPPED_KEY, DataKeys.WRAPPED_KEY.concat("AA")).execute();
        assertThatThrownBy(() -> cipher(key).decrypt(text, row(tenant)))
                .isInstanceOfSatisfying(SecretDecryptionException.class, e -> assertThat(e.keyMissing()).isFalse());
    }

    @Test
    void v1ValuesWrittenBeforeEnvelopeEncryptionStillDecryptAndUpgradeToV2() {
        Binding golden = new Binding("tenant-1", "connection-1", "param-1");
        assertThat(cipher(LegacyCiphertexts.GOLDEN_KEY).decrypt(LegacyCiphertexts.GOLDEN, golden).reveal())
                .isEqualTo(LegacyCiphertexts.GOLDEN_PLAINTEXT);
        // ... with the old key among the previous ones too, and not at all without it.
        assertThat(cipher(key, LegacyCiphertexts.GOLDEN_KEY).decrypt(LegacyCiphertexts.GOLDEN, golden).reveal())
                .isEqualTo(LegacyCiphertexts.GOLDEN_PLAINTEXT);
        assertThatThrownBy(() -> cipher(key).decrypt(LegacyCiphertexts.GOLDEN, golden))
                .isInstanceOfSatisfying(SecretDecryptionException.class, e -> assertThat(e.keyMissing()).isTrue());

        String v1 = LegacyCiphertexts.encrypt(key, "old-Canary", tenant, "connection", "param");
        SecretCipher cipher = cipher(key);
        assertThat(SecretCipher.isLegacy(v1)).isTrue();
        String v2 = cipher.upgrade(v1, row(tenant));
        assertThat(v2).startsWith("v2.");
        assertThat(cipher(key).decrypt(v2, row(tenant)).reveal()).isEqualTo("old-Canary");
        assertThat(cipher.upgrade(v2, row(tenant))).isSameAs(v2);
        // A v1 value no held key reads stays as it is: nothing is lost by trying.
        assertThat(cipher(MasterKey.generate()).upgrade(v1, row(tenant))).isEqualTo(v1);
        assertThatThrownBy(() -> cipher.decrypt(v1, row(otherTenant))).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void nothingShowsKeyMaterialOrPlaintext() {
        Secret secret = Secret.of("p@ss-Canary");
        assertThat(secret.toString()).doesNotContain("p@ss");
        assertThat(String.valueOf(java.util.Map.of("k", secret))).doesNotContain("p@ss");
        MasterKey master = MasterKey.decode(key, "AUTOCONN_MASTER_KEY");
        KeyRing ring = KeyRing.of(List.of(master), "settings");
        String text = cipher(key).encrypt(secret, row(tenant));
        DataKeyStore.WrappedDataKey wrapped = store.findForTenant(tenant).orElseThrow();
        var dataKey = new io.autoconn.secrets.DataKeys(ring, store, Clock.systemUTC()).unwrap(wrapped);
        String material = java.util.Base64.getEncoder().encodeToString(dataKey.key().getEncoded());
        for (Object o : List.of(master, ring, dataKey, wrapped, store.secretValues(tenant, "none"))) {
            assertThat(o.toString()).doesNotContain(key).doesNotContain(material).doesNotContain(wrapped.wrappedKey());
        }
        assertThat(master.toString()).contains(master.id()).contains("AUTOCONN_MASTER_KEY");
        assertThat(dataKey.key().toString()).doesNotContain(material);
        assertThatThrownBy(() -> cipher(key).decrypt(text, row(otherTenant)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("p@ss").doesNotContain(material));
    }
}
