package dev.noshowping.notify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kakao alimtalk templates approved for our channel, one entry each: the template id SOLAPI
 * knows, the approved text and its buttons. Kakao sends only text that matches an approved template,
 * so the text here is the registration copy; the variables are whatever {@code #{name}} placeholders
 * the text and button links use. Adding a template is one entry here plus the code that fills it
 * ({@link Alimtalk} refuses a message whose variables differ from its template's).
 *
 * <p>Kakao's limits are checked when the class loads, so a bad entry fails every test that touches
 * the catalogue: text at most 1,000 characters, at most 5 buttons, button names at most 14 characters.
 */
public enum AlimtalkTemplate {

    ARTICLE_PUBLISHED("NSP_ARTICLE_PUBLISHED", """
            [노쇼핑] 판매글이 등록되었습니다

            #{merchantName}님, 판매글이 게시되었어요.
            ■ 숙소: #{accommodationName}
            ■ 일정: #{checkIn} ~ #{checkOut}
            ■ 판매가: #{salePrice}원

            구매자가 결제하면 바로 알려드릴게요.""",
            Button.web("판매글 보기", "/articles/#{articleId}")),

    PRODUCT_CHECK("NSP_PRODUCT_CHECK", """
            [노쇼핑] 아직 판매 중이신가요?

            '#{articleTitle}' 판매글을 올린 지 하루가 지났어요.
            다른 곳에서 이미 판매되었다면 판매글을 내려 주세요. 판매 중인 글만 구매자에게 보여요.""",
            Button.web("판매글 확인", "/articles/#{articleId}"),
            Button.app("앱에서 확인", "/articles/#{articleId}")),

    ARTICLE_TAKEN_DOWN("NSP_ARTICLE_TAKEN_DOWN", """
            [노쇼핑] 판매글이 내려졌습니다

            '#{articleTitle}' 판매글을 운영 정책에 따라 내렸어요.
            ■ 사유: #{reason}

            잘못 내려졌다면 고객센터로 알려 주세요. 확인 후 다시 올려 드릴게요.""",
            Button.web("판매글 보기", "/articles/#{articleId}")),

    SOLD_ELSEWHERE("NSP_SOLD_ELSEWHERE", """
            [노쇼핑] 다른 곳에서 판매된 것으로 보여요

            '#{articleTitle}' 판매글이 #{marketplace}에서 판매 완료로 바뀌어 노쇼핑 판매글을 내렸어요.
            아직 판매 중이라면 판매글을 다시 올려 주세요.""",
            Button.web("판매글 보기", "/articles/#{articleId}")),

    ORDER_PAID_SELLER("NSP_ORDER_PAID_SELLER", """
            [노쇼핑] 판매 완료: 예약자 변경을 진행해 주세요

            '#{articleTitle}' 결제가 완료되었어요. (#{amount}원)
            #{transferDeadline}까지 예약자 이름을 구매자 이름으로 변경해 주세요.
            기한이 지나면 주문이 취소되고 구매자에게 환불될 수 있어요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    ORDER_PAID_BUYER("NSP_ORDER_PAID_BUYER", """
            [노쇼핑] 결제가 완료되었습니다

            '#{articleTitle}' 결제가 완료되었어요. (#{amount}원)
            판매자가 예약자 이름을 변경하면 알려드릴게요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    DEPOSIT_WAITING("NSP_DEPOSIT_WAITING", """
            [노쇼핑] 입금 계좌를 안내해 드려요

            '#{articleTitle}' 주문의 입금 계좌입니다.
            ■ 은행: #{bank}
            ■ 계좌: #{accountNumber}
            ■ 금액: #{amount}원
            ■ 입금 기한: #{dueDate}

            기한까지 입금되지 않으면 주문이 취소됩니다.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    DEPOSIT_RECEIVED("NSP_DEPOSIT_RECEIVED", """
            [노쇼핑] 입금이 확인되었습니다

            '#{articleTitle}' 주문의 입금(#{amount}원)이 확인되어 결제가 완료되었어요.
            판매자가 예약자 이름을 변경하면 알려드릴게요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    HOLD_EXPIRED("NSP_HOLD_EXPIRED", """
            [노쇼핑] 주문이 취소되었습니다

            '#{articleTitle}' 주문의 결제 시간이 지나 주문이 취소되었어요.
            아직 판매 중이라면 다시 주문할 수 있어요.""",
            Button.web("판매글 보기", "/articles/#{articleId}")),

    REFUND_DONE("NSP_REFUND_DONE", """
            [노쇼핑] 환불이 완료되었습니다

            '#{articleTitle}' 주문이 취소되어 #{amount}원을 환불했어요.
            카드사나 은행에 따라 환불 반영까지 3~5영업일이 걸릴 수 있어요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    ORDER_TRANSFERRED_BUYER("NSP_ORDER_TRANSFERRED", """
            [노쇼핑] 예약자 변경이 완료되었어요

            판매자가 '#{articleTitle}' 예약을 #{guestName}님 이름으로 변경했다고 알려왔어요.
            숙소에 예약을 확인한 뒤 구매 확정을 눌러 주세요.
            문제가 있으면 #{autoConfirmAt}까지 알려 주세요. 그때까지 알리지 않으면 구매가 자동으로 확정돼요.""",
            Button.web("구매 확정하기", "/orders/#{orderId}"),
            Button.app("앱에서 확인", "/orders/#{orderId}")),

    ORDER_COMPLETED_SELLER("NSP_ORDER_COMPLETED", """
            [노쇼핑] 구매가 확정되었어요

            '#{articleTitle}' 구매가 확정되었어요.
            ■ 정산 금액: #{net}원 (수수료 #{fee}원)
            ■ 지급 예정일: #{payableOn}

            숙박일 이후 등록하신 계좌로 지급해 드려요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    DISPUTE_OPENED_SELLER("NSP_DISPUTE_OPENED", """
            [노쇼핑] 구매자가 문제를 알려왔어요

            '#{articleTitle}' 주문에 구매자가 이의를 제기했어요.
            운영팀이 확인한 뒤 연락드릴게요. 확인이 끝날 때까지 정산은 보류돼요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    TRANSFER_DEADLINE_MISSED_SELLER("NSP_TRANSFER_MISSED", """
            [노쇼핑] 양도 기한이 지나 주문이 취소되었어요

            '#{articleTitle}' 주문의 예약자 변경 기한(#{transferDeadline})이 지나 구매자에게 전액 환불하고 판매글을 내렸어요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    ORDER_CANCELED_BY_SELLER("NSP_SELLER_CANCELED", """
            [노쇼핑] 판매자 사정으로 주문이 취소되었어요

            '#{articleTitle}' 주문이 판매자 사정으로 취소되어 #{amount}원을 환불해 드려요.""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    REFUND_ACCOUNT_NEEDED("NSP_REFUND_ACCOUNT", """
            [노쇼핑] 환불받을 계좌를 알려 주세요

            '#{articleTitle}' 주문의 #{amount}원을 환불해 드려야 해요.
            가상계좌로 결제하셔서 환불받을 계좌가 필요해요. 주문 화면에서 계좌를 입력해 주세요.""",
            Button.web("계좌 입력하기", "/orders/#{orderId}")),

    DISPUTE_RESOLVED("NSP_DISPUTE_RESOLVED", """
            [노쇼핑] 분쟁 조정이 끝났어요

            '#{articleTitle}' 주문의 분쟁 조정 결과를 알려드려요.
            ■ 결과: #{outcome}
            ■ 구매자 환불 금액: #{refundAmount}원""",
            Button.web("주문 보기", "/orders/#{orderId}")),

    PAYOUT_COMPLETED_SELLER("NSP_PAYOUT_COMPLETED", """
            [노쇼핑] 판매 대금을 보내드렸어요

            등록하신 계좌로 #{amount}원을 입금했어요.
            정산 내역은 판매 내역에서 확인할 수 있어요.""",
            Button.web("판매 내역", "/orders?as=seller")),

    SAVED_SEARCH_ARTICLE("NSP_SAVED_SEARCH_ARTICLE", """
            [노쇼핑] 찾으시던 숙소가 올라왔어요

            저장한 검색 '#{searchLabel}'에 맞는 판매글이 새로 올라왔어요.
            ■ #{articleTitle}
            ■ 판매가: #{salePrice}원

            먼저 결제하는 분께 판매돼요.""",
            Button.web("판매글 보기", "/articles/#{articleId}")),

    SAVED_SEARCH_DIGEST("NSP_SAVED_SEARCH_DIGEST", """
            [노쇼핑] 저장한 검색에 새 매물 #{count}건

            저장한 검색 '#{searchLabel}'에 맞는 매물이 #{count}건 새로 올라왔어요.
            ■ #{firstTitle} 등

            검색 결과에서 모두 확인해 보세요.""",
            Button.web("검색 결과 보기", "/saved-searches/#{savedSearchId}")),

    // watches (issue #21 item 4): to a buyer who watches an article, never to its seller
    WATCHED_PRICE_DROPPED("NSP_WATCHED_PRICE_DROPPED", """
            [노쇼핑] 관심 숙소의 가격이 내려갔어요

            '#{articleTitle}' 판매가가 내려갔어요.
            ■ 이전 가격: #{previousPrice}원
            ■ 지금 가격: #{salePrice}원

            먼저 결제하는 분이 구매할 수 있어요.""",
            Button.web("판매글 보기", "/articles/#{articleId}")),

    WATCHED_BACK_ON_SALE("NSP_WATCHED_BACK_ON_SALE", """
            [노쇼핑] 관심 숙소가 다시 판매 중이에요

            '#{articleTitle}' 판매글을 다시 구매할 수 있어요.
            ■ 판매가: #{salePrice}원

            먼저 결제하는 분이 구매할 수 있어요.""",
            Button.web("판매글 보기", "/articles/#{articleId}"));

    /** A template button: a web link ({@code WL}) or an app link ({@code AL}) to a path of ours. */
    public record Button(String type, String name, String path) {

        static Button web(String name, String path) {
            return new Button("WL", name, path);
        }

        static Button app(String name, String path) {
            return new Button("AL", name, path);
        }
    }

    static final int MAX_TEXT = 1000;
    static final int MAX_BUTTONS = 5;
    static final int MAX_BUTTON_NAME = 14;

    /** In a holder: enum constants are built before the enum's own static fields. */
    private static final class Syntax {
        static final Pattern PLACEHOLDER = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9]*)}");
    }

    private final String templateId;
    private final String text;
    private final List<Button> buttons;
    private final Set<String> variables;

    AlimtalkTemplate(String templateId, String text, Button... buttons) {
        this.templateId = templateId;
        this.text = text;
        this.buttons = List.of(buttons);
        Set<String> names = new LinkedHashSet<>();
        collect(text, names);
        for (Button b : buttons) {
            collect(b.path(), names);
        }
        this.variables = Set.copyOf(names);
        check();
    }

    private void check() {
        if (text.length() > MAX_TEXT) {
            throw new IllegalStateException(name() + ": text is " + text.length() + " characters, Kakao allows " + MAX_TEXT);
        }
        if (buttons.size() > MAX_BUTTONS) {
            throw new IllegalStateException(name() + ": " + buttons.size() + " buttons, Kakao allows " + MAX_BUTTONS);
        }
        for (Button b : buttons) {
            if (b.name().isBlank() || b.name().length() > MAX_BUTTON_NAME) {
                throw new IllegalStateException(name() + ": button name '" + b.name() + "' must be 1.." + MAX_BUTTON_NAME + " characters");
            }
            if (!b.path().startsWith("/")) {
                throw new IllegalStateException(name() + ": button path '" + b.path() + "' must start with /");
            }
        }
        // a '#{' that is not a well-formed placeholder would reach the user verbatim
        if (text.replaceAll(Syntax.PLACEHOLDER.pattern(), "").contains("#{")) {
            throw new IllegalStateException(name() + ": malformed #{...} placeholder");
        }
    }

    private static void collect(String s, Set<String> into) {
        Matcher m = Syntax.PLACEHOLDER.matcher(s);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    public String templateId() {
        return templateId;
    }

    public String text() {
        return text;
    }

    public List<Button> buttons() {
        return buttons;
    }

    /** The placeholder names the text and the button links use, without {@code #{}}. */
    public Set<String> variables() {
        return variables;
    }

    /** The text or a link with every {@code #{name}} replaced by its value. */
    static String fill(String s, java.util.Map<String, String> values) {
        return Syntax.PLACEHOLDER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }
}
