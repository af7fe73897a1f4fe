package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.ApiKeys;
import io.autoconn.identity.Role;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest
class AuditsApiTest extends ApiTestBase {
    private static final String AUDITS = "/api/v1/audits";
    private static final String CONNECTIONS = ConnectionsController.V1;
    private static final String CANARY = "tok-Audit-Canary-9341";

    @Test
    @SuppressWarnings("unchecked")
    void eachConnectionChangeIsAuditedWithItsChangedFieldsAndNeverASecret() {
        User bob = newUser();
        String id = createAs(bob, "audited");
        String tokenId = ((List<Map<String, Object>>) bob.api().get(CONNECTIONS + "/" + id).json().get("params"))
                .stream().filter(p -> p.get("name").equals("token")).findFirst().orElseThrow().get("id").toString();
        HttpApi.Response put = bob.api().put(CONNECTIONS + "/" + id, Map.of("name", "renamed",
                "params", List.of(Map.of("id", tokenId, "value", CANARY + "-2"))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(bob.api().post(CONNECTIONS + "/" + id + "/actions/change-owner",
                Map.of("userId", adminCaller().userId())).status()).isEqualTo(204);
        assertThat(admin.delete(CONNECTIONS + "/" + id).status()).isEqualTo(204);

        HttpApi.Response bobs = admin.get(AUDITS + "?sort=%2BeventTime&userId=" + bob.id());
        assertThat(bobs.status()).as(bobs.toString()).isEqualTo(200);
        assertThat(bobs.text()).doesNotContain(CANARY);
        assertThat(bobs.data()).extracting(e -> e.get("eventType")).containsExactly(
                "com.qlik.v1.automation-connection.created", "com.qlik.v1.automation-connection.updated",
                "com.qlik.v1.automation-connection.owner-changed");
        Map<String, Object> updated = bobs.data().get(1);
        assertThat((Map<String, Object>) updated.get("data"))
                .containsEntry("changedFields", List.of("name", "params"))
                .containsEntry("params", List.of("token"))
                .containsEntry("resourceId", id)
                .containsEntry("resourceType", "automation-connection");
        assertThat(updated).containsEntry("userId", bob.id()).containsEntry("source", "com.qlik/automation-connections")
                .containsEntry("contentType", "application/json").containsEntry("eventId", updated.get("id"));
        assertThat((String) updated.get("eventTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat((Map<String, Object>) bobs.data().get(2).get("data"))
                .containsEntry("changedFields", List.of("ownerId"));

        String self = (String) ((Map<String, Object>) ((Map<String, Object>) updated.get("links")).get("self")).get("href");
        assertThat(self).isEqualTo(admin.base() + AUDITS + "/" + updated.get("id"));
        assertThat(admin.get(AUDITS + "/" + updated.get("id")).json()).isEqualTo(updated);

        HttpApi.Response deleted = admin.get(AUDITS + "?eventType=com.qlik.v1.automation-connection.deleted&userId="
                + adminCaller().userId());
        assertThat(deleted.data()).anySatisfy(e -> assertThat((Map<String, Object>) e.get("data"))
                .containsEntry("resourceId", id).containsEntry("name", "renamed"));
        assertThat(admin.get(AUDITS + "?limit=100").text()).doesNotContain(CANARY);
    }

    @Test
    void onlyTenantAdminsReadTheTrail() {
        for (User reader : List.of(newUser(), newUser(Role.ANALYTICS_ADMIN))) {
            for (String path : List.of(AUDITS, AUDITS + "/" + UUID.randomUUID(), AUDITS + "/types", AUDITS + "/sources")) {
                HttpApi.Response r = reader.api().get(path);
                assertThat(r.status()).as(path + " " + r).isEqualTo(403);
                assertThat(r.errorCode()).isEqualTo("AUDITS-FORBIDDEN");
            }
        }
        assertThat(admin.as(null).get(AUDITS).status()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pagesWalkForwardByNextAndBackByPrev() {
        User carol = newUser();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(createAs(carol, "page-" + i));
        }
        String first = AUDITS + "?limit=2&userId=" + carol.id();
        List<String> walked = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        String next = admin.base() + first;
        while (next != null) {
            HttpApi.Response page = admin.get(next.substring(admin.base().length()));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            pages.add(next);
            page.data().forEach(e -> walked.add((String) ((Map<String, Object>) e.get("data")).get("resourceId")));
            Map<String, Object> links = (Map<String, Object>) page.json().get("links");
            assertThat(((Map<String, Object>) links.get("self")).get("href")).isEqualTo(next);
            next = links.get("next") == null ? null : (String) ((Map<String, Object>) links.get("next")).get("href");
        }
        assertThat(walked).hasSize(5).containsExactlyInAnyOrderElementsOf(created);
        assertThat(pages).hasSize(3);

        HttpApi.Response last = admin.get(pages.get(2).substring(admin.base().length()));
        String prev = (String) ((Map<String, Object>) ((Map<String, Object>) last.json().get("links")).get("prev")).get("href");
        HttpApi.Response middle = admin.get(prev.substring(admin.base().length()));
        assertThat(middle.data()).extracting(e -> ((Map<String, Object>) e.get("data")).get("resourceId"))
                .containsExactlyElementsOf(walked.subList(2, 4));

        String cursor = prev.substring(prev.indexOf("prev=") + "prev=".length());
        assertThat(admin.get(AUDITS + "?limit=2&prev=" + cursor).errorCode())
                .as("a cursor is bound to its filters").isEqualTo("INVALID-CURSOR");
        assertThat(admin.get(AUDITS + "?next=" + cursor + "&prev=" + cursor).errorCode())
                .isEqualTo("INVALID-QUERY-PARAMETER");
    }

    @Test
    void filtersNarrowByTypeSourceIdsAndTimeWindow() {
        User dave = newUser();
        Instant before = Instant.now().minusMillis(1);
        String id = createAs(dave, "filtered");
        assertThat(dave.api().delete(CONNECTIONS + "/" + id).status()).isEqualTo(204);
        Instant after = Instant.now().plusMillis(1);
        String mine = "&userId=" + dave.id();

        List<Map<String, Object>> all = admin.get(AUDITS + "?sort=eventTime" + mine).data();
        assertThat(all).hasSize(2);
        assertThat(admin.get(AUDITS + "?source=com.qlik/automation-connections" + mine).data()).hasSize(2);
        assertThat(admin.get(AUDITS + "?source=com.qlik/users" + mine).data()).isEmpty();
        assertThat(admin.get(AUDITS + "?eventType=com.qlik.v1.automation-connection.created" + mine).data())
                .extracting(e -> e.get("id")).containsExactly(all.get(0).get("id"));
        assertThat(admin.get(AUDITS + "?id=" + all.get(1).get("id") + ",unknown" + mine).data())
                .extracting(e -> e.get("id")).containsExactly(all.get(1).get("id"));
        assertThat(admin.get(AUDITS + "?eventTime=" + encode(before + "/" + after) + mine).data()).hasSize(2);
        assertThat(admin.get(AUDITS + "?eventTime=" + encode(after + "/") + mine).data()).isEmpty();
        assertThat(admin.get(AUDITS + "/types").json().get("data")).asList()
                .contains("com.qlik.v1.automation-connection.created", "com.qlik.v1.automation-connection.deleted");
        assertThat(admin.get(AUDITS + "/sources").json().get("data")).asList()
                .contains("com.qlik/automation-connections");
    }

    @Test
    void badParametersAreRefusedPrecisely() {
        HttpApi.Response interval = admin.get(AUDITS + "?eventTime=yesterday");
        assertThat(interval.errorCode()).isEqualTo("INVALID-QUERY-PARAMETER");
        assertThat(interval.errorDetail()).contains("eventTime").contains("yesterday");
        assertThat(admin.get(AUDITS + "?limit=0").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(admin.get(AUDITS + "?limit=101").errorDetail()).contains("1 to 100");
        assertThat(admin.get(AUDITS + "?sort=name").errorCode()).isEqualTo("INVALID-SORT");
        HttpApi.Response missing = admin.get(AUDITS + "/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("AUDIT-NOT-FOUND");
    }

    @Test
    void anotherTenantsAdminSeesNoneOfThisTrail() {
        String eventId = (String) admin.get(AUDITS + "?limit=1").data().stream().findFirst()
                .orElseGet(() -> {
                    createAs(new User(adminCaller().userId(), admin), "seed");
                    return admin.get(AUDITS + "?limit=1").data().get(0);
                }).get("id");
        String otherKey = ApiKeys.generate();
        directory.createTenantIfAbsent(new DirectoryStore.NewTenant(UUID.randomUUID().toString(),
                "audit-other-" + UUID.randomUUID(), UUID.randomUUID().toString(), "admin", UUID.randomUUID().toString(),
                ApiKeys.hash(otherKey), Instant.now()));
        HttpApi other = admin.as(otherKey);
        assertThat(other.get(AUDITS + "/" + eventId).status()).isEqualTo(404);
        assertThat(other.get(AUDITS + "?limit=100").text()).doesNotContain(eventId);
        assertThat(other.get(AUDITS + "?id=" + eventId).data()).isEmpty();
    }

    private String createAs(User user, String name) {
        HttpApi.Response r = user.api().post(CONNECTIONS, Map.of("connectorId", HTTP_API, "name", name, "params",
                List.of(Map.of("name", "baseUrl", "value", admin.base()), Map.of("name", "healthPath", "value", "/health"),
                        Map.of("name", "authType", "value", "bearer"), Map.of("name", "token", "value", CANARY))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("id");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
