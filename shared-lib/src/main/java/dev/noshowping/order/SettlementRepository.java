package dev.noshowping.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** SQL of settlements: one per order whose money became the seller's, written in that move's transaction. */
public final class SettlementRepository {

    private SettlementRepository() {
    }

    public static void insert(Connection c, long orderId, long merchantId, Settlement s) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                insert into settlement (order_id, merchant_id, gross, fee_bps, fee, net, payable_on)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            st.setLong(1, orderId);
            st.setLong(2, merchantId);
            st.setLong(3, s.gross());
            st.setInt(4, s.feeBps());
            st.setLong(5, s.fee());
            st.setLong(6, s.net());
            st.setObject(7, s.payableOn());
            st.executeUpdate();
        }
    }
}
