package dev.noshowping.order;

import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import java.sql.Connection;
import java.sql.SQLException;

/** SQL of settlements: one per order whose money became the seller's, written in that move's transaction. */
public final class SettlementRepository {

    private SettlementRepository() {
    }

    public static void insert(Connection c, long orderId, long merchantId, Settlement s) throws SQLException {
        try (NamedStatement st = INSERT.prepare(c)) {
            st.set("order", orderId).set("merchant", merchantId);
            st.set("gross", s.gross()).set("feeBps", s.feeBps()).set("fee", s.fee()).set("net", s.net());
            st.set("payableOn", s.payableOn());
            st.executeUpdate();
        }
    }

    private static final NamedSql INSERT = NamedSql.parse("""
            insert into settlement (order_id, merchant_id, gross, fee_bps, fee, net, payable_on)
            values (:order, :merchant, :gross, :feeBps, :fee, :net, :payableOn)""");
}
