package com.example.sdkbom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SdkBomApplication {

	public static void main(String[] args) {
		SpringApplication.run(SdkBomApplication.class, args);
	}

}
