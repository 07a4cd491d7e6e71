import { Injectable } from '@nestjs/common';
import { HtmlErrorPage } from '../common/http/html-error-page';
import { TemplatesService } from '../documents/templates.service';
import { ASSETS_VERSION } from './assets.controller';

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  403: 'Không có quyền truy cập',
  404: 'Không tìm thấy trang',
  409: 'Dữ liệu đã thay đổi',
  429: 'Thao tác quá nhiều lần',
  503: 'Dịch vụ tạm thời gián đoạn',
};

/** The Vietnamese error page, with the request id to quote to an administrator. */
@Injectable()
export class WebErrorPage extends HtmlErrorPage {
  constructor(private readonly templates: TemplatesService) {
    super();
  }

  render(status: number, message: string, requestId: string): string {
    const title = TITLES[status] ?? (status >= 500 ? 'Đã có lỗi hệ thống' : 'Không thực hiện được');
    return this.templates.render('web/layout', {
      title,
      assets: `/assets/${ASSETS_VERSION}`,
      body: this.templates.render('web/error', { status, title, message, requestId }),
      user: null,
      menu: [],
      csrf: null,
    });
  }
}
