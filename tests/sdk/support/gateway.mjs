// The SDK tests share the gateway starter with the other Node suites.
export * from '../../support/gateway.mjs';
