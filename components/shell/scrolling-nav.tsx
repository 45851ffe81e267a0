"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * A row of navigation links that scrolls sideways when it does not fit (phones): a fade with an arrow marks
 * each side that has more links, and the current link is scrolled into view when the page opens. Keyboard and
 * screen-reader users get every link as usual (focus scrolls a link into view); the arrows are for pointers.
 */
export function ScrollingNav({ label, className = "", fade, children }: {
  label: string;
  className?: string;
  /** The colour behind the bar, which the fades melt into. */
  fade: "white" | "slate-50";
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const pathname = usePathname();
  const [more, setMore] = useState({ start: false, end: false });

  useEffect(() => {
    const nav = ref.current;
    if (!nav) return;
    const current = nav.querySelector<HTMLElement>("[aria-current='page']");
    if (current && nav.scrollWidth > nav.clientWidth) {
      // Centre the current link in the bar without scrolling the page (scrollIntoView would, vertically too).
      nav.scrollLeft = current.offsetLeft - nav.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
    }
    const update = () => setMore({ start: nav.scrollLeft > 1, end: nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1 });
    update();
    nav.addEventListener("scroll", update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(nav);
    return () => {
      nav.removeEventListener("scroll", update);
      resize.disconnect();
    };
  }, [pathname]);

  const page = (direction: 1 | -1) => ref.current?.scrollBy({ left: direction * ref.current.clientWidth * 0.7, behavior: "smooth" });
  const tone = fade === "white" ? "from-white via-white/90" : "from-slate-50 via-slate-50/90";
  const arrow = "absolute inset-y-0 w-10 items-center pb-1 text-xl font-semibold leading-none text-slate-600 to-transparent";

  return (
    <div className="relative min-w-0">
      <nav ref={ref} aria-label={label} className={`overflow-x-auto [scrollbar-width:none] [&::-webkit-scrollbar]:hidden ${className}`}>
        {children}
      </nav>
      {/* Not focusable and hidden from assistive technology: they only repeat what Tab and swiping do. */}
      <button type="button" tabIndex={-1} aria-hidden data-scroll-cue="start" onClick={() => page(-1)}
        className={`${arrow} left-0 justify-start bg-linear-to-r pl-0.5 ${tone} ${more.start ? "flex" : "hidden"}`}>‹</button>
      <button type="button" tabIndex={-1} aria-hidden data-scroll-cue="end" onClick={() => page(1)}
        className={`${arrow} right-0 justify-end bg-linear-to-l pr-0.5 ${tone} ${more.end ? "flex" : "hidden"}`}>›</button>
    </div>
  );
}
