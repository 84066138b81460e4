import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import { Header } from "../components/Header";
import { NetworkBanner } from "../components/NetworkBanner";
import { NoticeArea } from "../components/Notices";
import { Providers } from "./providers";

import "./globals.css";

export const metadata: Metadata = {
  title: "OpenFactor",
  description:
    "Receivables finance for small businesses: debtor-confirmed invoice claims, factor auctions, guarantees.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <Header />
          <NetworkBanner />
          <NoticeArea />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
