"""Accept or reject every tracked change of a DOCX in LibreOffice and save the text:
run with the Python that has LibreOffice's UNO bridge (Debian: python3-uno).

    python3 lo_tracked.py SOFFICE FILE.docx PROFILE_DIR accept:OUT.txt reject:OUT.txt
"""
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    program, docx, profile, *jobs = sys.argv[1:]
    pipe = f"rancang-{uuid.uuid4().hex[:8]}"
    soffice = subprocess.Popen(
        [program, f"-env:UserInstallation={uno.systemPathToFileUrl(os.path.abspath(profile))}",
         "--headless", "--invisible", "--norestore", "--nologo",
         f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - LibreOffice is still starting
                time.sleep(0.2)
        else:
            sys.exit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for job in jobs:
            action, out = job.split(":", 1)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(docx)),
                                               "_blank", 0, (prop("Hidden", True),))
            command = ".uno:AcceptAllTrackedChanges" if action == "accept" else \
                ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                           (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as LibreOffice quits
            pass
    finally:
        try:
            soffice.wait(timeout=30)
        except subprocess.TimeoutExpired:
            soffice.kill()


if __name__ == "__main__":
    main()
