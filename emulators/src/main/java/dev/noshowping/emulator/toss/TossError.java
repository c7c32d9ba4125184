package dev.noshowping.emulator.toss;

/**
 * A Toss error answer: HTTP status, {@code code}, Korean (default) and English
 * ({@code Accept-Language: en-US}) messages, as listed on docs.tosspayments.com/reference/error-codes.
 */
record TossError(int status, String code, String messageKo, String messageEn) {

    static final TossError UNAUTHORIZED_KEY = new TossError(401, "UNAUTHORIZED_KEY",
            "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.",
            "This is an unauthenticated secret key or client key.");
    static final TossError ALREADY_PROCESSED_PAYMENT = new TossError(400, "ALREADY_PROCESSED_PAYMENT",
            "이미 처리된 결제 입니다.", "This is a payment that has already been processed.");
    static final TossError PROVIDER_ERROR = new TossError(400, "PROVIDER_ERROR",
            "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.",
            "This is temporary error. Please try again in a few minutes.");
    static final TossError INVALID_REQUEST = new TossError(400, "INVALID_REQUEST",
            "잘못된 요청입니다.", "The bad request.");
    static final TossError INVALID_REQUIRED_PARAM = new TossError(400, "INVALID_REQUIRED_PARAM",
            "필수 파라미터가 누락되었습니다.", "A required parameter is missing.");
    static final TossError INVALID_ORDER_ID = new TossError(400, "INVALID_ORDER_ID",
            "`orderId`는 영문 대소문자, 숫자, 특수문자(-, _) 만 허용합니다. 6자 이상 64자 이하여야 합니다.",
            "The order id must be at least 6 and maximum 64 upper and lower case alphabets, numbers, special characters (-, _).");
    static final TossError DUPLICATED_ORDER_ID = new TossError(400, "DUPLICATED_ORDER_ID",
            "이미 승인 및 취소가 진행된 중복된 주문번호 입니다. 다른 주문번호로 진행해주세요.",
            "This is a duplicate order id that has already been approved or canceled. Please proceed with a different order id.");
    static final TossError INVALID_IDEMPOTENCY_KEY = new TossError(400, "INVALID_IDEMPOTENCY_KEY",
            "멱등키는 300자 이하여야 합니다.", "The idempotency key must be 300 characters or less.");
    static final TossError IDEMPOTENT_REQUEST_PROCESSING = new TossError(409, "IDEMPOTENT_REQUEST_PROCESSING",
            "이전 멱등 요청이 처리중입니다.", "The previous idempotent request is still being processed.");
    static final TossError REJECT_CARD_PAYMENT = new TossError(403, "REJECT_CARD_PAYMENT",
            "한도초과 혹은 잔액부족으로 결제에 실패했습니다.",
            "Payment failed because the limit was exceeded or the balance is insufficient.");
    static final TossError NOT_FOUND_PAYMENT_SESSION = new TossError(404, "NOT_FOUND_PAYMENT_SESSION",
            "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.",
            "Payment session does not exist because the session time has expired.");
    static final TossError NOT_FOUND_PAYMENT = new TossError(404, "NOT_FOUND_PAYMENT",
            "존재하지 않는 결제 정보 입니다.", "The payment does not exist.");
    static final TossError NOT_FOUND = new TossError(404, "NOT_FOUND",
            "존재하지 않는 정보 입니다.", "This information does not exist.");
    static final TossError NOT_FOUND_HTTP_METHOD = new TossError(404, "NOT_FOUND_HTTP_METHOD",
            "존재하지 않는 HTTP 메소드 접근입니다.", "This HTTP method does not allowed.");
    static final TossError FAILED_INTERNAL_SYSTEM_PROCESSING = new TossError(500, "FAILED_INTERNAL_SYSTEM_PROCESSING",
            "내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.",
            "Internal system processing operation has failed. Please try again in a few minutes.");
    static final TossError ALREADY_CANCELED_PAYMENT = new TossError(400, "ALREADY_CANCELED_PAYMENT",
            "이미 취소된 결제 입니다.", "The payment has already been canceled.");
    static final TossError NOT_CANCELABLE_PAYMENT = new TossError(403, "NOT_CANCELABLE_PAYMENT",
            "취소 할 수 없는 결제 입니다.", "This is a non-cancelable payment.");
    static final TossError NOT_CANCELABLE_AMOUNT = new TossError(403, "NOT_CANCELABLE_AMOUNT",
            "취소 할 수 없는 금액 입니다.", "This is a non-cancelable amount.");
    static final TossError NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT = new TossError(403,
            "NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT",
            "입금 대기중인 결제는 부분 환불이 불가합니다.", "Partial refunds are not available while pending deposit.");
    static final TossError INVALID_REFUND_AMOUNT = new TossError(400, "INVALID_REFUND_AMOUNT",
            "잘못된 환불 금액입니다.", "Incorrect refund amount.");
    static final TossError INVALID_REFUND_ACCOUNT_NUMBER = new TossError(400, "INVALID_REFUND_ACCOUNT_NUMBER",
            "잘못된 환불 계좌번호입니다.", "Incorrect refund account number.");

    String message(boolean english) {
        return english ? messageEn : messageKo;
    }
}
