package dev.noshowping.payment;

/** How a payment was made. Toss names methods in Korean by default ("카드", "가상계좌"), in English when asked. */
public enum PaymentMethod {
    CARD, VIRTUAL_ACCOUNT, TRANSFER, MOBILE_PHONE, EASY_PAY, GIFT_CERTIFICATE;

    /** Toss's name of a method, in either language; null for none or for a method Toss adds later. */
    public static PaymentMethod of(String toss) {
        if (toss == null) {
            return null;
        }
        return switch (toss) {
            case "카드", "CARD" -> CARD;
            case "가상계좌", "VIRTUAL_ACCOUNT" -> VIRTUAL_ACCOUNT;
            case "계좌이체", "TRANSFER" -> TRANSFER;
            case "휴대폰", "MOBILE_PHONE" -> MOBILE_PHONE;
            case "간편결제", "EASY_PAY" -> EASY_PAY;
            case "문화상품권", "도서문화상품권", "게임문화상품권", "GIFT_CERTIFICATE" -> GIFT_CERTIFICATE;
            default -> null;
        };
    }
}
