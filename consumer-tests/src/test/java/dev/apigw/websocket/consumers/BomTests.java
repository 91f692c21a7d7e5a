package dev.apigw.websocket.consumers;

import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published BOM pins the Spring Cloud AWS version the modules are built with, and so
 * the AWS SDK version they are tested with.
 */
class BomTests {

	@Test
	void bomImportsTheSpringCloudAwsVersionOfTheBuild() throws Exception {
		assertThat(property("../bom/pom.xml", "spring-cloud-aws.version"))
			.isEqualTo(property("../pom.xml", "spring-cloud-aws.version"));
	}

	@Test
	void bomHasNoParent() throws Exception {
		Document bom = read("../bom/pom.xml");
		assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength()).isZero();
	}

	private static String property(String pom, String name) throws Exception {
		Document document = read(pom);
		String value = ((org.w3c.dom.Element) document.getElementsByTagName("properties").item(0))
			.getElementsByTagName(name)
			.item(0)
			.getTextContent()
			.trim();
		assertThat(value).as("%s in %s", name, pom).isNotBlank();
		return value;
	}

	private static Document read(String pom) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of(pom).toFile());
	}

}
