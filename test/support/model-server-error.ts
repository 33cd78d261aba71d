// The error the scripted model server raises for a mistake in a test's script or an unexpected request.
export class ModelServerError extends Error {
  constructor(
    message: string,
    readonly context: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ModelServerError";
  }
}
