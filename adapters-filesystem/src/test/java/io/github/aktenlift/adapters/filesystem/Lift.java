package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.Tracking;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * An Aktenlift core instance for the crash test, reached reflectively for the types of the core's
 * root package only ({@code Aktenlift}, {@code Actor}, {@code Command}): when javac compiles these
 * tests patched into this module, it does not resolve the class-path package
 * {@code io.github.aktenlift} (it shadows it with the module's own, empty, parent directory), while
 * the core's subpackages resolve normally. Everything else is called directly.
 */
final class Lift implements AutoCloseable {

    private final Object lift;
    private final Object actor;
    private final Method execute;

    private Lift(Object lift, Object actor, Method execute) {
        this.lift = lift;
        this.actor = actor;
        this.execute = execute;
    }

    static Lift open(Storage storage, int checkpointInterval) {
        try {
            Class<?> type = Class.forName("io.github.aktenlift.Aktenlift");
            Object builder = type.getMethod("builder").invoke(null);
            Class<?> b = builder.getClass();
            b.getMethod("storage", Storage.class).invoke(builder, storage);
            b.getMethod("checkpointInterval", int.class).invoke(builder, checkpointInterval);
            Object lift = b.getMethod("build").invoke(builder);
            Class<?> actorType = Class.forName("io.github.aktenlift.Actor");
            Object actor = actorType.getMethod("of", String.class, String.class).invoke(null, "clerk-1", "office");
            Method execute = type.getMethod("execute", actorType, Class.forName("io.github.aktenlift.Command"));
            return new Lift(lift, actor, execute);
        } catch (ReflectiveOperationException e) {
            throw rethrow(e);
        }
    }

    void execute(Object command) {
        invoke(execute, lift, new Object[] {actor, command});
    }

    BarcodeScheme caseFileBarcodes() {
        Object p = policies();
        return (BarcodeScheme) invoke(method(p, "caseFileBarcodes"), p, new Object[0]);
    }

    BarcodeScheme boxBarcodes() {
        Object p = policies();
        return (BarcodeScheme) invoke(method(p, "boxBarcodes"), p, new Object[0]);
    }

    Tracking tracking() {
        return (Tracking) invoke(method(lift, "tracking"), lift, new Object[0]);
    }

    boolean knows(Barcode caseFile) {
        return tracking().whereIs(caseFile).isPresent();
    }

    private Object policies() {
        return invoke(method(lift, "policies"), lift, new Object[0]);
    }

    private static Method method(Object target, String name) {
        try {
            return target.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }


    private static Object invoke(Method m, Object target, Object[] args) {
        try {
            return m.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        invoke(method(lift, "close"), lift, new Object[0]);
    }
}
