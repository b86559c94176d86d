// `make sdk` runs this: generates src/generated from the committed OpenAPI contract.
// MAILWRIGHT_SDK_OUT redirects the output (the drift check generates into a temporary directory).
export default {
  input: "../../openapi/openapi.json",
  output: {
    path: process.env.MAILWRIGHT_SDK_OUT || "src/generated",
    importFileExtension: ".js",
    postProcess: [],
  },
  plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk"],
};
