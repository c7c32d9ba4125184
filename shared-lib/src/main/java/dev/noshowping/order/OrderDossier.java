package dev.noshowping.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.noshowping.admin.AdminAction;
import dev.noshowping.notify.NotificationRepository;
import java.util.List;

/**
 * {@code GET /admin/orders/{id}}: everything staff need to answer a call about one order: the order
 * as its parties see it, who they are, the Toss events that arrived for it, its refund (null when
 * none), what it told whom, and what staff did to it.
 */
public record OrderDossier(OrderView order, String buyerSubject, String sellerSubject, long merchantId,
                           String articleTitle, List<PaymentEventRepository.Line> paymentEvents,
                           @JsonInclude(JsonInclude.Include.ALWAYS) RefundRepository.Refund refund,
                           List<NotificationRepository.Told> notifications, List<AdminAction> staffActions) {
}
