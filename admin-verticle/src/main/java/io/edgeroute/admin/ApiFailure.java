package io.edgeroute.admin;

import io.edgeroute.shared.model.validation.ValidationProblem;
import java.util.List;

/**
 * A request the admin API refuses, carrying its HTTP status. {@link ProblemResponder} is the one
 * place that turns it (and every other failure) into an RFC 9457 problem response.
 */
final class ApiFailure extends RuntimeException {

  private final int status;
  private final String title;
  private final List<ValidationProblem> errors;

  private ApiFailure(int status, String title, String detail, List<ValidationProblem> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  /** 400: the request cannot be read at all (malformed JSON, a bad query parameter or path host). */
  static ApiFailure badRequest(String detail) {
    return new ApiFailure(400, "Bad Request", detail, List.of());
  }

  /** 401: no bearer token, or one that matches neither an operator token nor a tenant token. */
  static ApiFailure unauthorized(String detail) {
    return new ApiFailure(401, "Unauthorized", detail, List.of());
  }

  /** 403: a tenant token on an operator-only endpoint (tenants are not secret to their own holders). */
  static ApiFailure forbidden(String detail) {
    return new ApiFailure(403, "Forbidden", detail, List.of());
  }

  /** 404: absent, or owned by another tenant; the two are indistinguishable on purpose. */
  static ApiFailure notFound(String detail) {
    return new ApiFailure(404, "Not Found", detail, List.of());
  }

  /** 409: the resource is held by another tenant, or a tenant still owns sites. */
  static ApiFailure conflict(String detail) {
    return new ApiFailure(409, "Conflict", detail, List.of());
  }

  /** 412: {@code If-Match} or {@code If-None-Match} does not hold. */
  static ApiFailure preconditionFailed(String detail) {
    return new ApiFailure(412, "Precondition Failed", detail, List.of());
  }

  /** 422: the document is well-formed JSON but breaks the rules; every problem has a pointer. */
  static ApiFailure invalid(List<ValidationProblem> errors) {
    return new ApiFailure(422, "Unprocessable Content", errors.size() + " problem(s) in the document", errors);
  }

  /** 422 with a single problem. */
  static ApiFailure invalid(String pointer, String detail) {
    return invalid(List.of(new ValidationProblem(pointer, detail)));
  }

  /** 503: the operator has not configured what the request needs; retrying will not help until they do. */
  static ApiFailure notConfigured(String detail) {
    return new ApiFailure(503, "Service Unavailable", detail, List.of());
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  List<ValidationProblem> errors() {
    return errors;
  }
}
