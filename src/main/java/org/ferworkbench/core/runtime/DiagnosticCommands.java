package org.ferworkbench.core.runtime;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** HotSpot's diagnostic commands (what {@code jcmd <pid> ...} runs), invoked in-process through the platform MBean. */
final class DiagnosticCommands {
    private DiagnosticCommands() { }

    /**
     * Runs one command by its MBean operation name (e.g. {@code gcHeapInfo} for {@code GC.heap_info}) and returns
     * what it prints. Throws where the MBean is missing (a runtime without jdk.management, another JVM).
     */
    static Object invoke(String operation, String... arguments) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
        return server.invoke(name, operation, new Object[] {arguments}, new String[] {String[].class.getName()});
    }
}
