package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseLoginPrimingTest {

    @Test
    void thePrimingComputesTheClientProofOfRfc7677sExample() throws Exception {
        // the same steps as a real SCRAM-SHA-256 login, so the classes a login needs are the ones primed
        assertThat(DatabaseLoginPriming.clientProof()).isEqualTo(DatabaseLoginPriming.RFC_7677_PROOF);
    }
}
