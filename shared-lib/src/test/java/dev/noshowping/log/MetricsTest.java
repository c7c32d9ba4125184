package dev.noshowping.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A metrics line is what CloudWatch's embedded metric format asks: a directive naming every figure beside it. */
class MetricsTest {

    @Test
    void everyFigureIsDeclaredWithItsUnitAndWrittenBesideTheDirective() throws Exception {
        Map<String, Metrics.Figure> figures = new LinkedHashMap<>();
        figures.put("OrdersPaid", Metrics.Figure.count(3));
        figures.put("ConfirmLatency", Metrics.Figure.millis(41.5));
        JsonNode line = Json.MAPPER.readTree(Json.write(Metrics.line("prod", figures, 1_795_000_000_000L)));

        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(1_795_000_000_000L);
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("Noshowping");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Stage");
        assertThat(directive.get("Metrics").findValuesAsText("Name")).containsExactly("OrdersPaid", "ConfirmLatency");
        assertThat(directive.get("Metrics").findValuesAsText("Unit")).containsExactly("Count", "Milliseconds");
        assertThat(line.get("Stage").asText()).isEqualTo("prod");
        assertThat(line.get("OrdersPaid").asDouble()).isEqualTo(3.0);
        assertThat(line.get("ConfirmLatency").asDouble()).isEqualTo(41.5);
    }
}
