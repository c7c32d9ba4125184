package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.LocalContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./run.sh invoke <FunctionLogicalId> -e events/<file>.json}: like {@code sam local invoke}
 * without Docker. Runs the function's handler once, in this fresh JVM, against the running stack
 * (its addresses come from {@code .local/stack.json}), and prints the response with the init
 * (class loading + constructor) and invoke durations measured separately.
 */
public final class Invoke {

    private Invoke() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = System.nanoTime();
        if (args.length < 1) {
            usage("name a function: ./run.sh invoke <FunctionLogicalId> -e events/<file>.json");
        }
        String functionId = args[0];
        Path eventFile = null;
        for (int i = 1; i < args.length; i++) {
            if ((args[i].equals("-e") || args[i].equals("--event")) && i + 1 < args.length) {
                eventFile = Path.of(args[++i]);
            }
        }
        Path root = Path.of(System.getProperty("noshowping.repo.root", ".")).toAbsolutePath().normalize();
        SamTemplate template = SamTemplate.read(root.resolve("template.yaml"));
        SamTemplate.Function function = template.function(functionId).orElseGet(() -> {
            usage("no function " + functionId + " in template.yaml; functions: "
                    + String.join(", ", template.functions().keySet()));
            return null;
        });
        Path stackFile = root.resolve(Environment.current().get("LOCAL_DIR", ".local")).resolve("stack.json");
        if (!Files.exists(stackFile)) {
            usage("no running stack (" + stackFile + " is missing): start it with ./run.sh in another terminal");
        }
        JsonNode stack = Json.MAPPER.readTree(stackFile.toFile());
        Map<String, String> environment = Json.MAPPER.convertValue(stack.path("functionEnvironment"),
                new TypeReference<Map<String, String>>() { });
        Environment.install(environment);

        String eventJson = eventFile == null ? "{}" : Files.readString(root.resolve(eventFile));
        long initStart = System.nanoTime();
        RequestHandler<Object, Object> handler = FunctionHost.load(function.handler());
        long invokeStart;
        long end;
        if (handler instanceof RequestStreamHandler stream) {
            // the entry Lambda calls (the longest handleRequest overload): the event's bytes in, JSON out
            invokeStart = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new java.io.ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out,
                    LocalContext.of(functionId, function.timeoutSeconds()));
            end = System.nanoTime();
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.MAPPER.readTree(out.toByteArray())));
        } else {
            Object event = switch (function.trigger()) {
                case "http" -> deserialize(APIGatewayV2HTTPEvent.class, eventJson);
                case "sqs" -> deserialize(SQSEvent.class, eventJson);
                case "schedule" -> deserialize(ScheduledEvent.class, eventJson);
                default -> Json.MAPPER.readValue(eventJson, new TypeReference<Map<String, Object>>() { });
            };
            invokeStart = System.nanoTime();
            Object response = handler.handleRequest(event, LocalContext.of(functionId, function.timeoutSeconds()));
            end = System.nanoTime();
            System.out.println(render(response));
        }
        System.err.printf("%s (%s): init %.1f ms, invoke %.1f ms (JVM start to response %.1f ms)%n",
                functionId, function.handler(), (invokeStart - initStart) / 1e6, (end - invokeStart) / 1e6,
                (end - jvmStart) / 1e6);
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deserialize(Class<T> type, String json) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, Invoke.class.getClassLoader());
        return serializer.fromJson(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static String render(Object response) throws Exception {
        if (response == null) {
            return "null";
        }
        if (LambdaEventSerializers.isLambdaSupportedEvent(response.getClass().getName())) {
            PojoSerializer<Object> serializer = (PojoSerializer<Object>) LambdaEventSerializers
                    .serializerFor(response.getClass(), Invoke.class.getClassLoader());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            serializer.toJson(response, out);
            return Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)));
        }
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(response);
    }

    private static void usage(String message) {
        System.err.println("invoke: " + message);
        System.exit(2);
    }

}
