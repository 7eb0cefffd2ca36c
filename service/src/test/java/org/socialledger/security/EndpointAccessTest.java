package org.socialledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialledger.LedgerClient;
import org.socialledger.TestLedger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the running application maps (controllers, actuator, OpenAPI), asked by a
 * stranger and by each role, answers as the rule table below says. An endpoint added later is
 * covered without touching this test; a new path prefix with other rules needs a row here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAccessTest {

    private enum Who { ANONYMOUS, SUPPORT, AUDITOR, ADMIN }

    /**
     * First matching prefix wins (whole path segments, as {@code /x/**} matches {@code /x} and below);
     * a rule lists who may pass (anonymous only where it is open).
     */
    private record Rule(String prefix, Set<Who> allowed) {
        boolean matches(String path) {
            return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    private static final Set<Who> ANY_ROLE = Set.of(Who.SUPPORT, Who.AUDITOR, Who.ADMIN);
    private static final List<Rule> RULES = List.of(
            new Rule("/actuator/health", Set.of(Who.values())),
            new Rule("/support", Set.of(Who.values())),
            new Rule("/actuator", Set.of(Who.AUDITOR, Who.ADMIN)),
            new Rule("/api/admin", Set.of(Who.ADMIN)),
            new Rule("/api/audit", Set.of(Who.AUDITOR)),
            new Rule("/api", Set.of(Who.SUPPORT, Who.AUDITOR)),
            new Rule("/", ANY_ROLE));
    private static final Map<Who, String[]> CREDENTIALS = Map.of(
            Who.SUPPORT, new String[] {"sam", "s1"}, Who.AUDITOR, new String[] {"ann", "a1"},
            Who.ADMIN, new String[] {"root", "r1"});

    private ConfigurableApplicationContext ledger;
    private LedgerClient client;

    @BeforeAll
    void start() {
        String schema = "access_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        ledger = TestLedger.startInOwnSchema(schema, Map.of(), LedgerClient.USERS);
        client = new LedgerClient(ledger);
    }

    @AfterAll
    void stop() {
        ledger.close();
    }

    @Test
    void everyMappedEndpointAnswersEachCallerAsTheRuleTableSays() throws Exception {
        Set<String> endpoints = endpoints();
        assertThat(endpoints).as("the enumeration finds controllers, actuator and OpenAPI")
                .contains("GET /api/payments", "POST /api/audit/replay", "GET /actuator/metrics", "GET /v3/api-docs",
                        "DELETE /api/admin/dead-letters/{group}/{sequence}");
        SoftAssertions softly = new SoftAssertions();
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            String path = concrete(pattern);
            Set<Who> allowed = RULES.stream().filter(rule -> rule.matches(path)).findFirst()
                    .orElseThrow().allowed();
            for (Who who : Who.values()) {
                String[] credentials = CREDENTIALS.getOrDefault(who, new String[] {null, null});
                HttpResponse<String> response = client.send(method, path, credentials[0], credentials[1]);
                String what = who + " " + method + " " + path + " -> " + response.statusCode();
                if (allowed.contains(who)) {
                    softly.assertThat(response.statusCode()).as(what).isNotIn(401, 403);
                } else {
                    softly.assertThat(response.statusCode()).as(what).isEqualTo(who == Who.ANONYMOUS ? 401 : 403);
                }
            }
        }
        softly.assertAll();
    }

    /** "METHOD /pattern" of every handler method of every request mapping (controllers and actuator). */
    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : ledger.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    List<RequestMethod> each = methods.isEmpty() ? List.of(RequestMethod.GET) : new ArrayList<>(methods);
                    each.forEach(method -> endpoints.add(method.name() + " " + pattern));
                }
            });
        }
        return endpoints;
    }

    /** A path the pattern matches: sample values for the variables. */
    private static String concrete(String pattern) {
        return pattern.replace("/**", "")
                .replace("{group}", "read-models")
                .replaceAll("\\{\\*[^}]+}", "x")
                .replaceAll("\\{[^}]*[iI]d}", UUID.randomUUID().toString())
                .replaceAll("\\{[^}]+}", "x");
    }
}
