package dev.noshowping.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child JVM of {@code ./bench.sh cold-start}: what the Lambda Java runtime does on a cold start,
 * on a class path of the function's deployment jar and the runtime's event serialization only (this
 * class needs nothing else). It loads the handler class named in template.yaml, constructs it,
 * decodes the sample event into the handler's input type, answers it once, then prints one line of
 * figures: {@code init=<ms> invoke=<ms> uptime=<ms> classes=<n> heap=<bytes> response=<bytes> answer=<what>}.
 * JMX is touched only after the answer, so its classes do not count against the function.
 *
 * <p>A handler with a stream entry {@code handleRequest(InputStream, OutputStream, Context)} is
 * given the event's bytes and writes its answer, as the runtime does when it picks that overload
 * (the longest signature, for {@code Class::handleRequest}); the runtime's serializer is then never
 * loaded. Its read of the event counts as invoke time, as it does in Lambda.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    @SuppressWarnings("rawtypes")
    public static void main(String[] args) throws Exception {
        String handlerName = args[0].contains("::") ? args[0].substring(0, args[0].indexOf("::")) : args[0];
        byte[] eventJson = Files.readAllBytes(Path.of(args[1]));
        ClassLoader loader = ColdStartProbe.class.getClassLoader();

        long initStart = System.nanoTime();
        Class<?> type = Class.forName(handlerName, true, loader);
        Object instance = type.getDeclaredConstructor().newInstance();
        long invokeStart;
        byte[] response;
        long end;
        if (instance instanceof RequestStreamHandler stream) {
            invokeStart = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            stream.handleRequest(new ByteArrayInputStream(eventJson), out, new ProbeContext(args[2]));
            response = out.toByteArray();
            end = System.nanoTime();
        } else {
            // the runtime's serializer, only for a typed handler: in a class of its own, so a stream
            // handler's start never loads it
            PojoPath pojo = new PojoPath((RequestHandler) instance, eventJson, loader);
            invokeStart = System.nanoTime();
            response = pojo.invoke(new ProbeContext(args[2]));
            end = System.nanoTime();
        }

        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("init=%.1f invoke=%.1f uptime=%d classes=%d heap=%d response=%d answer=%s%n",
                (invokeStart - initStart) / 1e6, (end - invokeStart) / 1e6, uptime, classes,
                rt.totalMemory() - rt.freeMemory(), response.length,
                answer(new String(response, StandardCharsets.UTF_8)));
        System.out.flush();
        System.exit(0);
    }

    /**
     * What the answer says, so a row shows which path it measured: an HTTP status, a batch's failed
     * records, the screenshots an upload event marked, or {@code ok} for any other answer.
     */
    static String answer(String response) {
        Matcher status = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)").matcher(response);
        if (status.find()) {
            return status.group(1);
        }
        Matcher marked = Pattern.compile("\"marked\"\\s*:\\s*(\\d+)").matcher(response);
        if (marked.find()) {
            return marked.group(1) + " marked";
        }
        if (response.contains("\"batchItemFailures\"")) {
            return Pattern.compile("\"itemIdentifier\"").matcher(response).results().count() + " failed";
        }
        return "ok";
    }

    /** A typed handler as the runtime wraps one: the event decoded into its input type, the answer encoded. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class PojoPath {
        private final RequestHandler handler;
        private final Object event;
        private final ClassLoader loader;

        PojoPath(RequestHandler handler, byte[] eventJson, ClassLoader loader) {
            this.handler = handler;
            this.loader = loader;
            Class<?> input = inputType(handler.getClass());
            this.event = input == Object.class ? Map.of()
                    : LambdaEventSerializers.serializerFor(input, loader).fromJson(new ByteArrayInputStream(eventJson));
        }

        byte[] invoke(Context context) {
            return encode(handler.handleRequest(event, context));
        }

        /** The {@code I} of the handler's {@code RequestHandler<I, O>}; Object when it is not declared. */
        private static Class<?> inputType(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Type t : c.getGenericInterfaces()) {
                    if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
                            && p.getActualTypeArguments()[0] instanceof Class<?> in) {
                        return in;
                    }
                }
            }
            return Object.class;
        }

        /** The runtime writes the answer back as JSON: that is part of the first response too. */
        private byte[] encode(Object response) {
            if (response == null) {
                return new byte[0];
            }
            if (response.getClass().getName().startsWith("com.amazonaws.services.lambda.runtime.events.")) {
                var serializer = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(response.getClass(), loader);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                serializer.toJson(response, out);
                return out.toByteArray();
            }
            return response.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** What a handler may ask of its invocation. */
    private record ProbeContext(String functionName) implements Context {
        @Override public String getAwsRequestId() { return "cold-start-probe"; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "probe"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:ap-northeast-2:000000000000:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.print(message); }
                @Override public void log(byte[] message) { System.err.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }

    /** The hello-world row: a handler that loads nothing of ours. */
    public static final class Hello implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            return "hello";
        }
    }
}
