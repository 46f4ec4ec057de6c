package dev.mainstay.retry.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated field, parameter or return value may be {@code null}; everything else in this module is non-null,
 * and NullAway checks it when the module compiles (NullAway recognises any annotation named {@code Nullable}).
 *
 * <p>Module-local on purpose: the module keeps zero runtime dependencies, and the package is not exported, so no
 * user code ever depends on it. {@code CLASS} retention keeps it in the class files for tools, never at run time.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.LOCAL_VARIABLE})
public @interface Nullable {}
