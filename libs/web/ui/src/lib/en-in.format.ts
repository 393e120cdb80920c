import { Pipe, type PipeTransform } from '@angular/core';
import { formatDate, formatDateTime, formatNumber, formatRupees } from '@raptorflow/contracts';

// The pure formatters live in @raptorflow/contracts (the API's PDFs use them too); the pipes are the web's.
export { formatDate, formatDateTime, formatNumber, formatRupees };

@Pipe({ name: 'rupees' })
export class RupeesPipe implements PipeTransform {
  transform(paise: number | null | undefined): string {
    return paise == null ? '' : formatRupees(paise);
  }
}

@Pipe({ name: 'inDate' })
export class IndianDatePipe implements PipeTransform {
  transform(value: string | Date | null | undefined): string {
    return value == null ? '' : formatDate(value);
  }
}

@Pipe({ name: 'inDateTime' })
export class IndianDateTimePipe implements PipeTransform {
  transform(value: string | Date | null | undefined): string {
    return value == null ? '' : formatDateTime(value);
  }
}

@Pipe({ name: 'inNumber' })
export class IndianNumberPipe implements PipeTransform {
  transform(value: number | null | undefined): string {
    return value == null ? '' : formatNumber(value);
  }
}
