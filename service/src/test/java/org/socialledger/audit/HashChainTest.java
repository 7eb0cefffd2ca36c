package org.socialledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rule stored hashes were made with; a change here would make every stored chain fail to verify. */
class HashChainTest {

    private final HashChain chain = new HashChain();

    @Test
    void theHashIsSha256OfTheFieldsAndTheCanonicalJson() {
        // Computed apart from this code (Python's hashlib) over
        // 64 zeros|P-1|3|org.example.Paid|1700000000123|{"a":{"c":[1.5,2],"d":"молоко"},"b":1}
        String hash = chain.hash(HashChain.GENESIS, "P-1", 3, "org.example.Paid", 1_700_000_000_123L,
                "{\"b\":1,\"a\":{\"d\":\"молоко\",\"c\":[1.50,2]}}".getBytes(StandardCharsets.UTF_8));

        assertThat(hash).isEqualTo("14610f1e9cbf250043f5763685445d723b2d186bf9c69f4f4421ab1c72ace9ae");
    }

    @Test
    void theOrderAPayloadWasWrittenInDoesNotMatter() {
        byte[] one = "{\"x\":{\"q\":1,\"p\":2},\"w\":\"3\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"w\":\"3\",\"x\":{\"p\":2,\"q\":1}}".getBytes(StandardCharsets.UTF_8);

        assertThat(chain.hash(HashChain.GENESIS, "P-1", 0, "T", 0, one))
                .isEqualTo(chain.hash(HashChain.GENESIS, "P-1", 0, "T", 0, other));
    }
}
