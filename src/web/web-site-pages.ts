import { Injectable } from '@nestjs/common';
import { SitePages } from '../common/http/site-pages';
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

/** The site's layout without a user: the error page (with the request id) and the public pages. */
@Injectable()
export class WebSitePages extends SitePages {
  constructor(private readonly templates: TemplatesService) {
    super();
  }

  error(status: number, message: string, requestId: string): string {
    const title = TITLES[status] ?? (status >= 500 ? 'Đã có lỗi hệ thống' : 'Không thực hiện được');
    return this.public(
      title,
      this.templates.render('web/error', { status, title, message, requestId }),
    );
  }

  public(title: string, body: string): string {
    return this.templates.render('web/layout', {
      title,
      assets: `/assets/${ASSETS_VERSION}`,
      body,
      user: null,
      menu: [],
      csrf: null,
    });
  }
}
