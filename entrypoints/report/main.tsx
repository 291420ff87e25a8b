import '@/lib/model/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReportPage } from '@/components/report/ReportPage';
import '@/components/theme.css';

// A printable client report, opened from Insights as report.html?workspace=…&from=…&to=…[&account=…].
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReportPage params={new URLSearchParams(location.search)} />
  </StrictMode>,
);
