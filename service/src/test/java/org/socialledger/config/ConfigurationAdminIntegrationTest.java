package org.socialledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** An administrator changes the configuration through the API; the service uses it at once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationAdminIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String store = "ADM-" + System.nanoTime();
    private ConfigurableApplicationContext ledger;
    private String base;

    @BeforeAll
    void start() {
        ledger = TestLedger.start(
                "--ledger.security.users[0].name=root", "--ledger.security.users[0].password={noop}r1",
                "--ledger.security.users[0].roles=ADMIN",
                "--ledger.security.users[1].name=sam", "--ledger.security.users[1].password={noop}s1",
                "--ledger.security.users[1].roles=SUPPORT",
                "--ledger.config.refresh=PT1H");
        base = "http://127.0.0.1:" + ledger.getBean(Environment.class).getProperty("local.server.port");
    }

    @AfterAll
    void stop() {
        ledger.close();
    }

    private HttpResponse<String> put(String path, String body, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidRowAppliesAtOnceAndABadOneIsRefusedWithItsReason() throws Exception {
        HttpResponse<String> bad = put("/api/admin/config/merchants/88", """
                {"url": "http://sp.example", "qrTtl": "five", "enterprise_id": "E", "merchant_id": "M", "sp_code": "S"}""",
                "root", "r1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("qrTtl must be a whole number");

        assertThat(put("/api/admin/config/merchants/88", """
                {"url": "http://sp.example", "qrTtl": 3, "enterprise_id": "E", "merchant_id": "M", "sp_code": "S"}""",
                "root", "r1").statusCode()).isEqualTo(200);
        assertThat(put("/api/admin/config/stores/" + store, "{\"merchant\": 88}", "root", "r1").statusCode())
                .isEqualTo(200);
        assertThat(put("/api/admin/config/terminals/" + store + "-1", "{\"TerminalNo\": \"T77\"}", "root", "r1")
                .statusCode()).isEqualTo(200);

        // The cache refreshes hourly in this test: only the admin API's own refresh can explain this.
        Resolution resolution = ledger.getBean(ConfigurationCache.class).resolve(new StoreId(store),
                new TerminalId(store + "-1"));
        assertThat(resolution).isInstanceOfSatisfying(Resolution.Resolved.class, resolved -> {
            assertThat(resolved.settings().qrTtlMinutes()).isEqualTo(3);
            assertThat(resolved.settings().terminalNo()).isEqualTo("T77");
        });
        JsonNode unknownMerchant = JSON.readTree(put("/api/admin/config/stores/X-" + store, "{\"merchant\": 999}",
                "root", "r1").body());
        assertThat(unknownMerchant.path("detail").asText()).contains("merchant 999 is not in soc_processing_merchants");
    }

    @Test
    void onlyAnAdministratorChangesConfiguration() throws Exception {
        assertThat(put("/api/admin/config/stores/" + store, "{\"merchant\": 88}", "sam", "s1").statusCode())
                .isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/config")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
}
