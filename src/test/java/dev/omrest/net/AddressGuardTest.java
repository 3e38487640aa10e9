package dev.omrest.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressGuardTest {

    @Test
    void linkLocalAndEc2MetadataAddressesAreRecognised() throws Exception {
        assertTrue(AddressGuard.isMetadataOrLinkLocal(InetAddress.getByName("169.254.169.254")));
        assertTrue(AddressGuard.isMetadataOrLinkLocal(InetAddress.getByName("fd00:ec2::254")));
        assertTrue(AddressGuard.isMetadataOrLinkLocal(InetAddress.getByName("fe80::1")));
        assertFalse(AddressGuard.isMetadataOrLinkLocal(InetAddress.getByName("127.0.0.1")));
        assertFalse(AddressGuard.isMetadataOrLinkLocal(InetAddress.getByName("fd00:ec2::253")));
        assertTrue(AddressGuard.isMetadataOrLinkLocal(InetAddress.getByName("fd00:ec2::23")), "EKS Pod Identity credentials");
    }

    @Test
    void ipv6FormsThatCarryAnIpv4AddressGiveItUp() throws Exception {
        String metadata = "169.254.169.254";
        for (String form : new String[]{"::a9fe:a9fe", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a9fe:a9fe", "64:ff9b:1:a9fe:a9:fea9::",
                "2002:a9fe:a9fe::1",
                "2001:0:4136:e378:8000:63bf:5601:5601"}) {
            assertEquals(metadata, AddressGuard.embeddedIpv4(InetAddress.getByName(form)).getHostAddress(), form);
        }
        for (String plain : new String[]{"::1", "::", "2001:db8::1", "fd00:ec2::254", "10.0.0.1"}) {
            assertNull(AddressGuard.embeddedIpv4(InetAddress.getByName(plain)), plain);
        }
    }

    @Test
    void linkLocalAddressesAreAllowedWhenTheDeploymentSaysSoButNeverTheRuntimeApiOrTheUnspecifiedAddress() {
        Reach allowing = new Reach(true, "127.0.0.1:9001");
        assertEquals("169.254.169.254", AddressGuard.check(URI.create("http://169.254.169.254/"), allowing).getHostAddress());
        assertEquals("127.0.0.1 is the Lambda Runtime API",
                assertThrows(AddressGuard.Refused.class, () -> AddressGuard.check(URI.create("http://127.0.0.1:9001/x"), allowing)).getMessage());
        assertEquals("0.0.0.0 is an unspecified address (it reaches this machine)",
                assertThrows(AddressGuard.Refused.class, () -> AddressGuard.check(URI.create("http://0.0.0.0:9001/x"), allowing)).getMessage());
        assertEquals("127.0.0.1", AddressGuard.check(URI.create("http://127.0.0.1:9002/x"), allowing).getHostAddress());
    }
}
