package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.noshowping.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A function that waits for {@link #RELEASE} (at most 20 s), then answers with a database round
 * trip: it only answers 200 if the database is still open when it ends.
 */
public final class HeldHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static volatile CountDownLatch RELEASE = new CountDownLatch(1);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            RELEASE.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = Database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select 41 + 1")) {
            rs.next();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(Integer.toString(rs.getInt(1))).build();
        } catch (SQLException e) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(503).withBody(e.getMessage()).build();
        }
    }
}
