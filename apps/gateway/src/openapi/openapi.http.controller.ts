import { Controller, Get, Header } from '@nestjs/common';
import { buildOpenApiDocument } from './openapi-document.builder';

/** `GET /openapi.json`: the actions this gateway serves, generated from its action table. */
@Controller()
export class OpenApiHttpController {
  private readonly document = JSON.stringify(buildOpenApiDocument());

  @Get('openapi.json')
  @Header('content-type', 'application/json;charset=utf-8')
  get(): string {
    return this.document;
  }
}
