package dev.noshowping.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import org.junit.jupiter.api.Test;

class RefundAccountMaskTest {

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void masksEveryRefundAccountWhereverTossPutsIt() throws Exception {
        JsonNode payment = json("""
                {"paymentKey":"pk","virtualAccount":{"accountNumber":"X1234567890123",
                  "refundReceiveAccount":{"bankCode":"88","accountNumber":"110-987-654321","holderName":"김토스"}},
                 "cancels":[{"cancelAmount":1000,
                  "refundReceiveAccount":{"bank":"88","accountNumber":"110222333444","holderName":"Park Jimin"}}]}""");

        JsonNode masked = RefundAccountMask.applyTo(payment);

        assertThat(masked.at("/virtualAccount/refundReceiveAccount").toString())
                .isEqualTo("{\"bankCode\":\"88\",\"accountNumber\":\"********4321\",\"holderName\":\"김**\"}");
        assertThat(masked.at("/cancels/0/refundReceiveAccount").toString())
                .isEqualTo("{\"bank\":\"88\",\"accountNumber\":\"********3444\",\"holderName\":\"P*********\"}");
        assertThat(masked.at("/virtualAccount/accountNumber").asText()).as("the account Toss issued stays")
                .isEqualTo("X1234567890123");
        assertThat(payment.toString()).as("the answer itself is left alone").contains("110-987-654321");
    }

    @Test
    void aPayloadWithoutOneIsReturnedAsItIs() throws Exception {
        JsonNode none = json("{\"virtualAccount\":{\"refundReceiveAccount\":null},\"status\":\"DONE\"}");
        assertThat(RefundAccountMask.applyTo(none)).isSameAs(none);
        assertThat(RefundAccountMask.applyTo(null)).isNull();
    }

    @Test
    void tossPaymentKeepsTheMaskedAnswer() throws Exception {
        TossPayment p = TossPayment.from(json("""
                {"paymentKey":"pk","orderId":"o","status":"WAITING_FOR_DEPOSIT","method":"가상계좌","totalAmount":1,
                 "virtualAccount":{"refundReceiveAccount":{"bankCode":"88","accountNumber":"110987654321","holderName":"김토스"}}}"""));
        assertThat(p.raw().toString()).doesNotContain("110987654321").doesNotContain("김토스");
        assertThat(p.virtualAccount().toString()).doesNotContain("110987654321");
    }
}
