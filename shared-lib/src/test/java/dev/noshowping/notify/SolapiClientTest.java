package dev.noshowping.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SolapiClientTest {

    @Test
    void signsDatePlusSaltWithTheSecretInHex() {
        // SOLAPI's documented example date and salt; its secret is unpublished, so ours, checked with
        // printf '%s' '2019-07-01T00:41:48Zjqsba2jxjnrjor' | openssl dgst -sha256 -hmac "$secret"
        String header = SolapiClient.authorization("NCSAYU7YDBXYORXC", "NOSHOWPINGLOCALSOLAPISECRET0123456789ABCD",
                "2019-07-01T00:41:48Z", "jqsba2jxjnrjor");
        assertThat(header).isEqualTo("HMAC-SHA256 apiKey=NCSAYU7YDBXYORXC, date=2019-07-01T00:41:48Z, salt=jqsba2jxjnrjor, "
                + "signature=909d1042f5cd163089c234a6e59b653df252982fb6e8182c059f62a9f46af24b");
    }

    @Test
    void aTwoHundredIsReadMessageByMessage() {
        assertThat(SolapiClient.outcome(200, """
                {"groupInfo":{"count":{"registeredFailed":1}},"messageList":[],
                 "failedMessageList":[{"to":"01012345678","statusCode":"1062","statusMessage":"수신번호 형식 오류"}]}"""))
                .isEqualTo(new SendOutcome.Rejected("SOLAPI refused the message: 1062 수신번호 형식 오류"));
        assertThat(SolapiClient.outcome(200, "{\"messageList\":[{\"messageId\":\"M4V1\",\"statusCode\":\"2000\"}],\"failedMessageList\":[]}"))
                .isEqualTo(new SendOutcome.Sent("M4V1"));
        assertThat(SolapiClient.outcome(200, "{}")).isInstanceOf(SendOutcome.Retry.class);
    }

    @Test
    void serverErrorsAndThrottlingRetryOtherRefusalsDoNot() {
        assertThat(SolapiClient.outcome(500, "{\"errorCode\":\"InternalError\"}")).isInstanceOf(SendOutcome.Retry.class);
        assertThat(SolapiClient.outcome(503, "<html>")).isInstanceOf(SendOutcome.Retry.class);
        assertThat(SolapiClient.outcome(429, "")).isInstanceOf(SendOutcome.Retry.class);
        assertThat(SolapiClient.outcome(401, "{\"errorCode\":\"SignatureDoesNotMatch\",\"errorMessage\":\"bad\"}"))
                .isEqualTo(new SendOutcome.Rejected("SOLAPI 401 SignatureDoesNotMatch bad"));
        assertThat(SolapiClient.outcome(400, "{\"errorCode\":\"ValidationError\"}")).isInstanceOf(SendOutcome.Rejected.class);
    }

    @Test
    void onlyKoreanMobileNumbersAreSent() {
        assertThat(KoreanMobile.toDomestic("+821012345678")).contains("01012345678");
        assertThat(KoreanMobile.toDomestic("+82111234567")).contains("0111234567");
        assertThat(KoreanMobile.toDomestic("+8221234567")).isEmpty();      // Seoul landline
        assertThat(KoreanMobile.toDomestic("+12025550123")).isEmpty();
        assertThat(KoreanMobile.toDomestic(null)).isEmpty();
    }
}
