// Generated from proto/ by `npm run proto:gen` (buf + ts-proto); do not edit the generated files.
export * as opensts from './generated/opensts/v1/sts';
export * as internal from './generated/opensts/internal/v1/action';
