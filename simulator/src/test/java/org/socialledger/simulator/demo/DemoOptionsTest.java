package org.socialledger.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.bank.SocialCard;
import org.socialledger.simulator.till.Scenario;

class DemoOptionsTest {

    @Test
    void aScenarioMixIsGivenAsWeights() {
        assertThat(Demo.mix("full_social:3, REFUND:1")).isEqualTo(Map.of(Scenario.FULL_SOCIAL, 3, Scenario.REFUND, 1));
        assertThat(Demo.mix(null)).containsKeys(Scenario.values());
    }

    @Test
    void cardsComeFromAFileOrTheBuiltInSet() throws Exception {
        Path file = Files.createTempFile("cards", ".json");
        Files.writeString(file, """
                [{"hash": "h1", "spCode": "SP-X", "scheme": "POSTPAID", "limit": 500, "categories": ["dairy"],
                  "codePrefixes": [], "social": true}]""");
        assertThat(Cards.load(file.toString())).containsExactly(new SocialCard("h1", "SP-X",
                SocialCard.Scheme.POSTPAID, 500, java.util.Set.of("dairy"), java.util.Set.of(), true));
        assertThat(Cards.load(null)).isEqualTo(Cards.defaults());
    }
}
